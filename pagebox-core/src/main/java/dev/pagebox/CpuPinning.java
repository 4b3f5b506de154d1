/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import dev.pagebox.internal.nativeio.CpuSet;
import java.util.Objects;

/**
 * Where Pagebox's background threads (log flusher, page provider, checkpointer) may run.
 *
 * @param mode off (the scheduler decides), auto (Pagebox picks CPUs from the machine's topology) or an explicit
 *     list
 * @param cpus for {@link Mode#CPUS}: a Linux CPU list such as {@code "2-3"} or {@code "1,5"}; empty otherwise
 */
public record CpuPinning(Mode mode, String cpus) {
    /** How background threads are pinned. */
    public enum Mode {
        /** Not pinned. */
        OFF,
        /** Pinned to CPUs chosen from the topology (the last core's hyperthreads, away from CPU 0). */
        AUTO,
        /** Pinned to the listed CPUs. */
        CPUS
    }

    /** No pinning: the default. */
    public static final CpuPinning OFF = new CpuPinning(Mode.OFF, "");

    /** Pinning chosen from the machine's topology. */
    public static final CpuPinning AUTO = new CpuPinning(Mode.AUTO, "");

    /**
     * Validates the pinning.
     *
     * @throws IllegalArgumentException if a CPU list is missing, malformed, or given for another mode
     */
    public CpuPinning {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cpus, "cpus");
        if (mode == Mode.CPUS) {
            if (CpuSet.parse(cpus).isEmpty()) {
                throw new IllegalArgumentException("CPU pinning lists no CPU: '" + cpus + "'");
            }
        } else if (!cpus.isBlank()) {
            throw new IllegalArgumentException("a CPU list ('" + cpus + "') only goes with mode CPUS, not " + mode);
        }
    }

    /**
     * Pins to the listed CPUs.
     *
     * @param cpus a Linux CPU list, e.g. {@code "2-3"}
     * @return the pinning
     */
    public static CpuPinning cpus(String cpus) {
        return new CpuPinning(Mode.CPUS, cpus);
    }

    /**
     * Parses {@code off}, {@code auto} or a CPU list (the form of the {@code pagebox.cpu-pinning} property).
     *
     * @param text the setting
     * @return the pinning
     */
    public static CpuPinning parse(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("off") || value.isEmpty()) {
            return OFF;
        }
        if (value.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        return cpus(value);
    }
}
