/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.HdrHistogram.Histogram;

/**
 * What a child JVM measured in one phase. Latencies are in nanoseconds; byte counts are -1 where the OS did
 * not report them.
 *
 * @param operations operations completed in the timed part
 * @param elapsedNanos length of the timed part
 * @param p50Nanos median latency
 * @param p99Nanos 99th percentile latency
 * @param p999Nanos 99.9th percentile latency
 * @param maxNanos the slowest operation
 * @param deviceReadBytes device bytes read from the start of the timed part to after close
 * @param deviceWriteBytes device bytes written from the start of the timed part to after close
 * @param peakResidentBytes the child's peak RSS
 * @param baselineResidentBytes the child's RSS just before the engine opened (JVM, pre-touched heap, harness)
 * @param diskBytes bytes on disk after close
 * @param loadNanos time of an in-process load (engines that cannot be reopened), else 0
 */
record CellResult(
        long operations,
        long elapsedNanos,
        long p50Nanos,
        long p99Nanos,
        long p999Nanos,
        long maxNanos,
        long deviceReadBytes,
        long deviceWriteBytes,
        long peakResidentBytes,
        long baselineResidentBytes,
        long diskBytes,
        long loadNanos) {

    static CellResult of(
            ClientThreads.Outcome outcome,
            ProcessStats.DeviceBytes device,
            long peakResidentBytes,
            long baselineResidentBytes,
            long diskBytes,
            long loadNanos) {
        Histogram latency = outcome.latencyNanos();
        return new CellResult(
                outcome.operations(),
                outcome.elapsedNanos(),
                latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9),
                latency.getMaxValue(),
                device.read(),
                device.written(),
                peakResidentBytes,
                baselineResidentBytes,
                diskBytes,
                loadNanos);
    }

    /**
     * Returns the memory the engine added to the process at its peak: its caches and off-heap structures, its
     * threads, native libraries and classes, and the file pages it mapped and touched.
     *
     * @return peak RSS minus the RSS before the engine opened, -1 if unknown
     */
    long engineResidentBytes() {
        return peakResidentBytes < 0 || baselineResidentBytes < 0 ? -1 : peakResidentBytes - baselineResidentBytes;
    }

    double operationsPerSecond() {
        return elapsedNanos == 0 ? 0 : operations * 1e9 / elapsedNanos;
    }

    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("operations", Long.toString(operations));
        properties.setProperty("elapsedNanos", Long.toString(elapsedNanos));
        properties.setProperty("p50Nanos", Long.toString(p50Nanos));
        properties.setProperty("p99Nanos", Long.toString(p99Nanos));
        properties.setProperty("p999Nanos", Long.toString(p999Nanos));
        properties.setProperty("maxNanos", Long.toString(maxNanos));
        properties.setProperty("deviceReadBytes", Long.toString(deviceReadBytes));
        properties.setProperty("deviceWriteBytes", Long.toString(deviceWriteBytes));
        properties.setProperty("peakResidentBytes", Long.toString(peakResidentBytes));
        properties.setProperty("baselineResidentBytes", Long.toString(baselineResidentBytes));
        properties.setProperty("diskBytes", Long.toString(diskBytes));
        properties.setProperty("loadNanos", Long.toString(loadNanos));
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "one YCSB cell phase result");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static CellResult read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new CellResult(
                Long.parseLong(p.getProperty("operations")),
                Long.parseLong(p.getProperty("elapsedNanos")),
                Long.parseLong(p.getProperty("p50Nanos")),
                Long.parseLong(p.getProperty("p99Nanos")),
                Long.parseLong(p.getProperty("p999Nanos")),
                Long.parseLong(p.getProperty("maxNanos")),
                Long.parseLong(p.getProperty("deviceReadBytes")),
                Long.parseLong(p.getProperty("deviceWriteBytes")),
                Long.parseLong(p.getProperty("peakResidentBytes")),
                Long.parseLong(p.getProperty("baselineResidentBytes")),
                Long.parseLong(p.getProperty("diskBytes")),
                Long.parseLong(p.getProperty("loadNanos")));
    }
}
