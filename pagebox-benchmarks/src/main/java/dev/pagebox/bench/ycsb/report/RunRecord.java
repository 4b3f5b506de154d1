/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.report;

import java.util.List;

/**
 * One timed run of one cell: a row of the raw results CSV. Byte counts are -1 where the OS did not report
 * them.
 *
 * @param engine engine name
 * @param workload workload name
 * @param regime regime name
 * @param threads client threads
 * @param threadKind {@code platform} or {@code virtual}
 * @param repeat which repetition, from 1
 * @param records records loaded before the run
 * @param valueSize bytes per value
 * @param cacheBudget the engine's cache budget in bytes
 * @param cacheBounded whether the engine holds its cache to the budget
 * @param operations operations in the timed part
 * @param seconds length of the timed part
 * @param p50Micros median latency
 * @param p99Micros 99th percentile latency
 * @param p999Micros 99.9th percentile latency
 * @param maxMicros slowest operation
 * @param deviceReadBytes device bytes read from the start of the timed part to after close
 * @param deviceWriteBytes device bytes written from the start of the timed part to after close
 * @param diskBytesAfterLoad bytes on disk after the load and close
 * @param peakRssBytes the run's child JVM peak RSS
 * @param engineRssBytes what the engine added to that JVM's RSS at its peak (-1 unknown)
 * @param loadSeconds how long the load took
 * @param cacheDrop how the OS page cache was dropped before timing ({@code -} when it was not)
 */
public record RunRecord(
        String engine,
        String workload,
        String regime,
        int threads,
        String threadKind,
        int repeat,
        long records,
        int valueSize,
        long cacheBudget,
        boolean cacheBounded,
        long operations,
        double seconds,
        double p50Micros,
        double p99Micros,
        double p999Micros,
        double maxMicros,
        long deviceReadBytes,
        long deviceWriteBytes,
        long diskBytesAfterLoad,
        long peakRssBytes,
        long engineRssBytes,
        double loadSeconds,
        String cacheDrop) {

    /** The CSV header, matching {@link #toCsv()}. */
    public static final List<String> COLUMNS = List.of(
            "engine",
            "workload",
            "regime",
            "threads",
            "thread_kind",
            "repeat",
            "records",
            "value_size",
            "cache_budget",
            "cache_bounded",
            "operations",
            "seconds",
            "ops_per_sec",
            "p50_us",
            "p99_us",
            "p999_us",
            "max_us",
            "device_read_bytes",
            "device_write_bytes",
            "device_read_bytes_per_op",
            "device_write_bytes_per_op",
            "disk_bytes_after_load",
            "peak_rss_bytes",
            "load_seconds",
            "cache_drop",
            "engine_rss_bytes");

    /**
     * Returns the throughput of the timed part.
     *
     * @return operations per second
     */
    public double operationsPerSecond() {
        return seconds > 0 ? operations / seconds : 0;
    }

    /**
     * Returns device bytes written per operation.
     *
     * @return bytes per operation, -1 if unknown
     */
    public double writeBytesPerOperation() {
        return perOperation(deviceWriteBytes);
    }

    /**
     * Returns device bytes read per operation.
     *
     * @return bytes per operation, -1 if unknown
     */
    public double readBytesPerOperation() {
        return perOperation(deviceReadBytes);
    }

    private double perOperation(long bytes) {
        return bytes < 0 || operations == 0 ? -1 : (double) bytes / operations;
    }

    /**
     * Formats the row.
     *
     * @return the comma-separated fields of {@link #COLUMNS}
     */
    public String toCsv() {
        return String.join(
                ",",
                engine,
                workload,
                regime,
                Integer.toString(threads),
                threadKind,
                Integer.toString(repeat),
                Long.toString(records),
                Integer.toString(valueSize),
                Long.toString(cacheBudget),
                Boolean.toString(cacheBounded),
                Long.toString(operations),
                Double.toString(seconds),
                decimal(operationsPerSecond()),
                Double.toString(p50Micros),
                Double.toString(p99Micros),
                Double.toString(p999Micros),
                Double.toString(maxMicros),
                Long.toString(deviceReadBytes),
                Long.toString(deviceWriteBytes),
                decimal(readBytesPerOperation()),
                decimal(writeBytesPerOperation()),
                Long.toString(diskBytesAfterLoad),
                Long.toString(peakRssBytes),
                Double.toString(loadSeconds),
                cacheDrop,
                Long.toString(engineRssBytes));
    }

    /**
     * Parses a row written by {@link #toCsv()}, or by the harness before it measured {@code engine_rss_bytes}
     * (then -1).
     *
     * @param line the row
     * @return the record
     */
    public static RunRecord fromCsv(String line) {
        String[] f = line.split(",", -1);
        if (f.length != COLUMNS.size() && f.length != COLUMNS.size() - 1) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields, got " + f.length + ": " + line);
        }
        return new RunRecord(
                f[0],
                f[1],
                f[2],
                Integer.parseInt(f[3]),
                f[4],
                Integer.parseInt(f[5]),
                Long.parseLong(f[6]),
                Integer.parseInt(f[7]),
                Long.parseLong(f[8]),
                Boolean.parseBoolean(f[9]),
                Long.parseLong(f[10]),
                Double.parseDouble(f[11]),
                Double.parseDouble(f[13]),
                Double.parseDouble(f[14]),
                Double.parseDouble(f[15]),
                Double.parseDouble(f[16]),
                Long.parseLong(f[17]),
                Long.parseLong(f[18]),
                Long.parseLong(f[21]),
                Long.parseLong(f[22]),
                f.length > 25 ? Long.parseLong(f[25]) : -1,
                Double.parseDouble(f[23]),
                f[24]);
    }

    private static String decimal(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
