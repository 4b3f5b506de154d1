/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads this process's counters from Linux's {@code /proc/self}: the resident set ({@code VmRSS}), its peak
 * ({@code VmHWM}) and the
 * bytes the process caused to be read from or written to the storage device ({@code read_bytes},
 * {@code write_bytes} of {@code /proc/self/io}, which count every thread, including an engine's background
 * flush and compaction threads, and count buffered writes when pages are dirtied). Each figure is -1 where
 * {@code /proc} does not have it.
 */
final class ProcessStats {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path IO = Path.of("/proc/self/io");

    private ProcessStats() {}

    /** Device bytes read and written by the process so far. */
    record DeviceBytes(long read, long written) {
        DeviceBytes since(DeviceBytes earlier) {
            return read < 0 || earlier.read < 0
                    ? new DeviceBytes(-1, -1)
                    : new DeviceBytes(read - earlier.read, written - earlier.written);
        }
    }

    static DeviceBytes deviceBytes() {
        List<String> lines = lines(IO);
        return new DeviceBytes(field(lines, "read_bytes:", 1), field(lines, "write_bytes:", 1));
    }

    static long residentBytes() {
        return field(lines(STATUS), "VmRSS:", 1024);
    }

    static long peakResidentBytes() {
        return field(lines(STATUS), "VmHWM:", 1024);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Parses {@code "name:   123 kB"} style lines, scaling the number by {@code unit}. */
    static long field(List<String> lines, String name, long unit) {
        for (String line : lines) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * unit;
            }
        }
        return -1;
    }
}
