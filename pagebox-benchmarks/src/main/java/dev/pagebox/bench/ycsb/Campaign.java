/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import dev.pagebox.bench.kv.KvEngineType;
import dev.pagebox.bench.ycsb.report.MarkdownReport;
import dev.pagebox.bench.ycsb.report.ResultsCsv;
import dev.pagebox.bench.ycsb.report.RunRecord;
import dev.pagebox.bench.ycsb.report.ThroughputChart;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs every cell of a command line, each in child JVMs, and writes {@code results.csv},
 * {@code results.md} and {@code ycsb-throughput.png} to the output directory.
 *
 * <p>Per persistent engine the data set is loaded once, by a LOAD child, into a base directory; every run
 * starts from a fresh copy of it (the load is the same for every cell, and a copy is much cheaper than a
 * load). Under the pressure regime the copy is then evicted from the OS page cache. Repetitions are the
 * outermost loop, so that slow drifts of the machine spread over all cells instead of hitting one.
 */
final class Campaign {
    private final YcsbOptions options;
    private final PrintStream progress;
    private final ChildJvm childJvm;
    private final Path logs;
    private final Path csv;
    private final Map<String, BaseLoad> bases = new HashMap<>();
    private final List<RunRecord> results = new ArrayList<>();

    /** A loaded base data set of one engine. */
    private record BaseLoad(Path directory, double seconds, long diskBytes) {}

    Campaign(YcsbOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
        this.childJvm = new ChildJvm(options.heap());
        this.logs = options.outputDirectory().resolve("logs");
        this.csv = options.outputDirectory().resolve("results.csv");
    }

    /**
     * Runs everything and writes the reports.
     *
     * @return the raw results
     * @throws VerificationException if an engine gave a wrong answer (the campaign stops there)
     */
    List<RunRecord> run() throws InterruptedException {
        createDirectories(logs);
        createDirectories(options.dataDirectory());
        ResultsCsv.create(csv);
        try {
            for (int repeat = 1; repeat <= options.repeat(); repeat++) {
                for (Regime regime : options.regimes()) {
                    runRegime(regime, repeat);
                }
            }
        } finally {
            deleteTree(options.dataDirectory());
        }
        writeReports(results, options.outputDirectory());
        return results;
    }

    static void writeReports(List<RunRecord> records, Path outputDirectory) {
        if (records.isEmpty()) {
            return;
        }
        List<String> engines = YcsbOptions.engineNames();
        createDirectories(outputDirectory);
        try {
            Files.writeString(outputDirectory.resolve("results.md"), MarkdownReport.render(records, engines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report", e);
        }
        ThroughputChart.write(records, outputDirectory.resolve("ycsb-throughput.png"));
    }

    private void runRegime(Regime regime, int repeat) throws InterruptedException {
        boolean durable = regime == Regime.DURABLE;
        for (Workload workload : durable ? options.durableWorkloads() : options.workloads()) {
            for (KvEngineType engine : options.engines()) {
                if (!engine.persistent() && regime != Regime.RESIDENT) {
                    continue; // nothing to reopen under pressure, nothing to make durable
                }
                for (int threads : durable ? options.durableThreads() : options.threads()) {
                    RunRecord record = runCell(engine, workload, regime, threads, repeat);
                    results.add(record);
                    ResultsCsv.append(csv, record);
                }
            }
        }
    }

    private RunRecord runCell(KvEngineType engine, Workload workload, Regime regime, int threads, int repeat)
            throws InterruptedException {
        String name = String.join("-", regime.label(), workload.label(), engine.name(), "t" + threads, "r" + repeat);
        Path directory = options.dataDirectory().resolve("run-" + engine.name());
        deleteTree(directory);
        BaseLoad base = null;
        String cacheDrop = "-";
        if (workload.needsLoad() && engine.persistent()) {
            base = base(engine);
            copyTree(base.directory(), directory);
            if (regime == Regime.PRESSURE && !options.keepOsCache()) {
                cacheDrop = PageCacheDropper.drop(directory).label();
            }
        }
        boolean virtual = threads >= options.virtualThreadsFrom();
        CellSpec spec = spec(CellSpec.Phase.RUN, engine, workload, regime, threads, virtual, directory);
        CellResult result = runChild(spec, name);
        deleteTree(directory);
        double loadSeconds = base != null ? base.seconds() : result.loadNanos() / 1e9;
        RunRecord record = new RunRecord(
                engine.name(),
                workload.label(),
                regime.label(),
                threads,
                virtual ? "virtual" : "platform",
                repeat,
                options.records(),
                options.valueSize(),
                options.budget(regime),
                engine.cacheBounded(),
                result.operations(),
                result.elapsedNanos() / 1e9,
                result.p50Nanos() / 1e3,
                result.p99Nanos() / 1e3,
                result.p999Nanos() / 1e3,
                result.maxNanos() / 1e3,
                result.deviceReadBytes(),
                result.deviceWriteBytes(),
                base != null ? base.diskBytes() : result.diskBytes(),
                result.peakResidentBytes(),
                result.engineResidentBytes(),
                loadSeconds,
                cacheDrop);
        progress.printf(
                Locale.ROOT,
                "%-40s %,12.0f ops/s  p99 %,9.1f us  W/op %,8.0f  RSS %,6.0f MiB  engine %,6.0f MiB%n",
                name,
                record.operationsPerSecond(),
                record.p99Micros(),
                record.writeBytesPerOperation(),
                record.peakRssBytes() / 1048576.0,
                record.engineRssBytes() / 1048576.0);
        return record;
    }

    private BaseLoad base(KvEngineType engine) throws InterruptedException {
        BaseLoad loaded = bases.get(engine.name());
        if (loaded == null) {
            Path directory = options.dataDirectory().resolve("base-" + engine.name());
            deleteTree(directory);
            CellSpec spec =
                    spec(CellSpec.Phase.LOAD, engine, Workload.FILL_RANDOM, Regime.RESIDENT, 1, false, directory);
            CellResult result = runChild(spec, "load-" + engine.name());
            loaded = new BaseLoad(directory, result.elapsedNanos() / 1e9, result.diskBytes());
            bases.put(engine.name(), loaded);
            progress.printf(
                    Locale.ROOT,
                    "load %-10s %,d records in %.1f s, %,.1f MiB on disk%n",
                    engine.name(),
                    result.operations(),
                    loaded.seconds(),
                    loaded.diskBytes() / 1048576.0);
        }
        return loaded;
    }

    private CellSpec spec(
            CellSpec.Phase phase,
            KvEngineType engine,
            Workload workload,
            Regime regime,
            int threads,
            boolean virtual,
            Path directory) {
        return new CellSpec(
                phase,
                engine.name(),
                workload,
                regime,
                threads,
                virtual,
                options.records(),
                options.valueSize(),
                options.budget(regime),
                options.durationMillis(),
                options.warmupMillis(),
                options.operations(),
                options.seed(),
                options.loadThreads(),
                phase == CellSpec.Phase.LOAD ? 1 : options.batch(),
                directory);
    }

    private CellResult runChild(CellSpec spec, String name) throws InterruptedException {
        Path specFile = logs.resolve(name + ".spec.properties");
        Path resultFile = logs.resolve(name + ".result.properties");
        Path log = logs.resolve(name + ".log");
        spec.write(specFile);
        // Generous: loads and verification passes are not bounded by the duration.
        Duration timeout = Duration.ofMillis(options.durationMillis() + options.warmupMillis())
                .plusMinutes(30);
        int status = childJvm.run(CellMain.class, List.of(specFile.toString(), resultFile.toString()), log, timeout);
        if (status == CellMain.WRONG_ANSWER) {
            throw new VerificationException(name + ": the engine gave a wrong answer\n" + ChildJvm.tail(log, 20));
        }
        if (status != 0) {
            throw new IllegalStateException(
                    name + ": child JVM failed with status " + status + "\n" + ChildJvm.tail(log, 30));
        }
        return CellResult.read(resultFile);
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    // Clean pages: the child's writes must dirty them anew to show in its write_bytes.
                    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ)) {
                        channel.force(true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
