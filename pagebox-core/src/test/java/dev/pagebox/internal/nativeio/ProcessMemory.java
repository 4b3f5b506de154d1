/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the resident memory of this process (Linux {@code /proc/self/status}). */
final class ProcessMemory {
    private ProcessMemory() {}

    /**
     * Resident set size in bytes, counted from the page tables ({@code smaps_rollup}) where the kernel offers it:
     * {@code VmRSS} of {@code /proc/self/status} comes from per-CPU counters that newer kernels fold in lazily, and
     * can lag a large fill by hundreds of MiB.
     */
    static long residentBytes() {
        Path rollup = Path.of("/proc/self/smaps_rollup");
        return Files.exists(rollup) ? kib(rollup, "Rss:") : kib(Path.of("/proc/self/status"), "VmRSS:");
    }

    /**
     * Resident bytes of the mapping that holds an address, from {@code /proc/self/smaps}: unlike the process's
     * resident size, other allocations and frees (the garbage collector's) do not blur it.
     *
     * @param address an address inside a mapping of this process
     * @return the mapping's resident bytes
     */
    static long residentBytesOfMapping(long address) {
        try {
            boolean inside = false;
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (dash > 0 && space > dash && line.substring(0, dash).matches("[0-9a-f]+")) {
                    long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                    long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                    inside = Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
                } else if (inside && line.startsWith("Rss:")) {
                    return Long.parseLong(line.substring("Rss:".length())
                                    .replace("kB", "")
                                    .trim())
                            * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no mapping of /proc/self/smaps holds " + Long.toHexString(address));
    }

    private static long kib(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    String kib =
                            line.substring(field.length()).replace("kB", "").trim();
                    return Long.parseLong(kib) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + field + " in " + file);
    }
}
