/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.CpuPinning;
import dev.pagebox.internal.nativeio.CpuSet;
import dev.pagebox.internal.nativeio.CpuTopology;
import dev.pagebox.internal.nativeio.NativeIo;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Creates a store's background threads (log flusher, page provider, checkpointer) as platform threads that pin
 * themselves to the CPUs of {@link CpuPinning} when they start: Linux lets a thread set only its own affinity
 * through the portable call, so pinning is the first thing each thread does. A failure to pin is logged (once
 * per process) and the thread runs unpinned; pinning is a performance hint, never a reason to refuse to open.
 */
final class BackgroundThreads {
    private static final System.Logger LOG = System.getLogger(BackgroundThreads.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private BackgroundThreads() {}

    /**
     * The thread factory for a pinning.
     *
     * @param pinning where the threads may run
     * @return a factory of unstarted platform threads
     */
    static ThreadFactory factory(CpuPinning pinning) {
        CpuSet cpus = cpus(pinning, CpuTopology::detect);
        if (cpus == null) {
            return Thread.ofPlatform().factory();
        }
        return body -> Thread.ofPlatform().unstarted(() -> {
            pin(cpus);
            body.run();
        });
    }

    /** The CPUs a pinning names, or null for none (off, or auto on a machine with a single core). */
    static @Nullable CpuSet cpus(CpuPinning pinning, Supplier<CpuTopology> topology) {
        return switch (pinning.mode()) {
            case OFF -> null;
            case CPUS -> CpuSet.parse(pinning.cpus());
            case AUTO -> lastCore(topology.get());
        };
    }

    /** The hyperthreads of the last physical core, away from CPU 0 where interrupts and the JVM's own threads go. */
    private static @Nullable CpuSet lastCore(CpuTopology topology) {
        List<CpuTopology.Cpu> cores = topology.onePerCore();
        if (cores.size() < 2) {
            return null; // pinning to the only core would only restrict the scheduler
        }
        CpuSet online = topology.onlineCpus();
        return CpuSet.of(
                cores.getLast().siblings().stream().filter(online::contains).toArray());
    }

    private static void pin(CpuSet cpus) {
        boolean pinned;
        RuntimeException failure = null;
        try {
            pinned = NativeIo.system().pinCurrentThread(cpus);
        } catch (RuntimeException e) {
            pinned = false;
            failure = e;
        }
        if (!pinned && WARNED.compareAndSet(false, true)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "could not pin Pagebox background threads to CPUs " + cpus + "; they run unpinned",
                    failure);
        }
    }
}
