/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads Linux's counters: this process's resident set ({@code VmRSS}) and its peak ({@code VmHWM}) from
 * {@code /proc/self/status}, and the bytes read from and written to the block device that holds a directory.
 *
 * <p>Device bytes come from the device's own counters ({@code /sys/dev/block/MAJOR:MINOR/stat}, 512-byte
 * sectors), read after {@code sync -f} has written the file system's dirty pages, so they are what reached the
 * device, by any thread of this process or by the kernel's write-back on its behalf. They also count other
 * processes' I/O on that device, so they are meant for a quiet machine. The per-process {@code write_bytes} of
 * {@code /proc/self/io} is no substitute: it counts a whole page-cache folio each time one turns dirty, and with
 * the large folios of recent kernels (ext4 since 6.16) one random 16 KiB write was counted as about 250 KiB
 * here. It remains the fallback where {@code /sys} has no counters. Each figure is -1 where neither has it.
 */
final class ProcessStats {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path IO = Path.of("/proc/self/io");
    private static final long SECTOR_BYTES = 512;

    private ProcessStats() {}

    /** Device bytes read and written by the process so far. */
    record DeviceBytes(long read, long written) {
        DeviceBytes since(DeviceBytes earlier) {
            return read < 0 || earlier.read < 0
                    ? new DeviceBytes(-1, -1)
                    : new DeviceBytes(read - earlier.read, written - earlier.written);
        }
    }

    /**
     * Syncs the file system holding {@code directory} (or its nearest existing ancestor) and reads its block
     * device's counters.
     */
    static DeviceBytes deviceBytes(Path directory) {
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            Path stat = blockDeviceStat(existing);
            if (stat != null && syncFileSystem(existing)) {
                String[] fields =
                        lines(stat).stream().findFirst().orElse("").trim().split("\\s+");
                if (fields.length > 6) {
                    return new DeviceBytes(
                            Long.parseLong(fields[2]) * SECTOR_BYTES, Long.parseLong(fields[6]) * SECTOR_BYTES);
                }
            }
        }
        List<String> lines = lines(IO);
        return new DeviceBytes(field(lines, "read_bytes:", 1), field(lines, "write_bytes:", 1));
    }

    /** The stat file of the block device (or partition) holding {@code path}; null if there is none. */
    private static @Nullable Path blockDeviceStat(Path path) {
        try {
            long device = ((Number) Files.getAttribute(path, "unix:dev")).longValue();
            long major = ((device >>> 8) & 0xfff) | ((device >>> 32) & ~0xfffL);
            long minor = (device & 0xff) | ((device >>> 12) & ~0xffL);
            Path stat = Path.of("/sys/dev/block", major + ":" + minor, "stat");
            return Files.isReadable(stat) ? stat : null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code sync -f}: syncfs(2) of the file system holding {@code path}. */
    private static boolean syncFileSystem(Path path) {
        try {
            Process sync = new ProcessBuilder("sync", "-f", path.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return sync.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
