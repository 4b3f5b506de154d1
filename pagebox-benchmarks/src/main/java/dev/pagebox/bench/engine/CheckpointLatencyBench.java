/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.engine;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxStats;
import dev.pagebox.PageboxTree;
import dev.pagebox.VerifyReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Write latency with and without a checkpoint running, to show whether fuzzy checkpoints stall writers.
 *
 * <p>Loads {@code keys} records into a store whose pool holds them all (background checkpoints off), then, for
 * each commit mode and writer count, runs two phases of the same workload: writers overwrite uniformly chosen
 * records for a fixed time, every put timed into an HdrHistogram; in the <em>checkpointing</em> phase another
 * thread calls {@link Pagebox#checkpoint()} back to back for the whole timed part. Each phase starts right after
 * an untimed checkpoint, so both start from a clean pool, and each run swaps the phases' order so slow drifts of
 * the machine fall on both. At the end every record is checked and the closed store verified.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp pagebox-benchmarks/target/benchmarks.jar \
 *      dev.pagebox.bench.engine.CheckpointLatencyBench --modes strict,relaxed --threads 1,2 --runs 3
 * }</pre>
 */
public final class CheckpointLatencyBench {
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final String USAGE = """
            usage: CheckpointLatencyBench [options]
              --keys N            records in the store (default 1000000)
              --value-size BYTES  value size (default 200)
              --modes LIST        commit modes of the puts: strict, relaxed, none (default strict,relaxed)
              --threads LIST      writer thread counts (default 1,2)
              --duration TIME     timed part of each phase (default 15s)
              --warmup TIME       untimed writes before it (default 2s)
              --runs N            runs of every phase (default 3)
              --pool SIZE         buffer pool, should hold the whole store (default 1g)
              --dir DIR           where the store goes (default -Dpagebox.bench.dir or java.io.tmpdir)
            """;

    private CheckpointLatencyBench() {}

    /**
     * What to measure.
     *
     * @param root where the store goes (a fresh directory, deleted afterwards)
     * @param keys records in the store
     * @param valueSize bytes per value
     * @param modes commit modes of the puts
     * @param threads writer thread counts
     * @param duration the timed part of each phase
     * @param warmup untimed writes before it
     * @param runs runs of every phase
     * @param options the store's options; background checkpoints are turned off
     */
    public record Config(
            Path root,
            int keys,
            int valueSize,
            List<CommitMode> modes,
            List<Integer> threads,
            Duration duration,
            Duration warmup,
            int runs,
            PageboxOptions options) {}

    /**
     * One timed phase.
     *
     * @param mode the puts' commit mode
     * @param threads writer threads
     * @param checkpointing whether a thread checkpointed back to back meanwhile
     * @param puts puts in the timed part
     * @param nanos the timed part's length
     * @param latency put latencies, nanoseconds
     * @param checkpointNanos each checkpoint's duration
     * @param pagesWritten pages the pool wrote from the timed part's start until the last checkpoint ended
     * @param logBytes log bytes written in the timed part (records and page images)
     * @param logSpaceWaits times a writer waited for room in the log buffer
     * @param logSyncs log syncs
     */
    public record Phase(
            CommitMode mode,
            int threads,
            boolean checkpointing,
            long puts,
            long nanos,
            Histogram latency,
            List<Long> checkpointNanos,
            long pagesWritten,
            long logBytes,
            long logSpaceWaits,
            long logSyncs) {
        public double putsPerSecond() {
            return puts * 1e9 / nanos;
        }

        /** A latency percentile in nanoseconds. */
        public long percentile(double percent) {
            return latency.getValueAtPercentile(percent);
        }

        public double logMibPerSecond() {
            return Figures.mib(logBytes) * 1e9 / nanos;
        }

        String cell() {
            return mode.name().toLowerCase(Locale.ROOT) + " ×" + threads + (checkpointing ? ", checkpointing" : "");
        }
    }

    /**
     * Everything measured.
     *
     * @param phases every phase, in order
     * @param verify the closed store's check
     */
    public record Result(List<Phase> phases, VerifyReport verify) {}

    /** Runs the benchmark, printing each phase and then a Markdown table of medians. */
    public static Result run(Config config, PrintStream out) {
        Path directory = BenchData.createDirectory(config.root(), "checkpoint-latency");
        try {
            PageboxOptions options = config.options().toBuilder()
                    .checkpointInterval(Duration.ZERO)
                    .checkpointWalSize(Long.MAX_VALUE)
                    .build();
            List<Phase> phases = new ArrayList<>();
            try (Pagebox store = Pagebox.open(directory, options)) {
                PageboxTree tree = store.tree(RecoveryBench.TREE);
                long started = System.nanoTime();
                BenchRecords.load(tree, config.keys(), config.valueSize(), 1);
                store.checkpoint();
                out.printf(
                        "loaded %,d records in %s s%n",
                        config.keys(), Figures.format((System.nanoTime() - started) / 1e9, 1));
                for (int run = 0; run < config.runs(); run++) {
                    for (CommitMode mode : config.modes()) {
                        for (int threads : config.threads()) {
                            for (boolean checkpointing : Figures.alternate(List.of(false, true), run)) {
                                Phase phase = phase(store, tree, config, mode, threads, checkpointing, run);
                                phases.add(phase);
                                out.println("  run " + (run + 1) + " " + describe(phase));
                            }
                        }
                    }
                }
                BenchRecords.verify(tree, config.keys(), null);
            }
            VerifyReport report = Pagebox.verify(directory, options);
            if (!report.isClean()) {
                throw new IllegalStateException("the store is damaged: " + report.problems());
            }
            out.print(table(phases, config));
            return new Result(phases, report);
        } finally {
            BenchData.delete(directory);
        }
    }

    private static Phase phase(
            Pagebox store,
            PageboxTree tree,
            Config config,
            CommitMode mode,
            int threads,
            boolean checkpointing,
            int run) {
        store.checkpoint();
        long timedStart = System.nanoTime() + config.warmup().toNanos();
        long end = timedStart + config.duration().toNanos();
        List<Writer> writers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            writers.add(new Writer(tree, config, mode, timedStart, end, (run * 31L + i) * 7919L + threads));
        }
        List<Thread> running = new ArrayList<>();
        writers.forEach(writer -> running.add(Thread.ofPlatform().name("writer").start(writer)));
        sleepUntil(timedStart);
        PageboxStats before = store.stats();
        List<Long> checkpoints = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<@Nullable RuntimeException> checkpointFailure = new AtomicReference<>();
        @Nullable Thread checkpointer = null;
        if (checkpointing) {
            checkpointer = Thread.ofPlatform().name("checkpoints").start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        store.checkpoint();
                        checkpoints.add(System.nanoTime() - t);
                    }
                } catch (RuntimeException e) {
                    checkpointFailure.set(e);
                }
            });
        }
        join(running);
        long nanos = System.nanoTime() - timedStart;
        if (checkpointer != null) {
            join(List.of(checkpointer));
            RuntimeException failure = checkpointFailure.get();
            if (failure != null) {
                throw new IllegalStateException("a checkpoint failed", failure);
            }
        }
        PageboxStats after = store.stats();
        Histogram latency = new Histogram(SIGNIFICANT_DIGITS);
        long puts = 0;
        for (Writer writer : writers) {
            writer.rethrow();
            latency.add(writer.latency);
            puts += writer.timedPuts;
        }
        return new Phase(
                mode,
                threads,
                checkpointing,
                puts,
                nanos,
                latency,
                List.copyOf(checkpoints),
                after.pool().writeBacks() - before.pool().writeBacks(),
                after.log().bytes() - before.log().bytes(),
                after.log().spaceWaits() - before.log().spaceWaits(),
                after.log().syncs() - before.log().syncs());
    }

    /** One writer thread: uniform overwrites until the end, those that start in the timed part timed. */
    private static final class Writer implements Runnable {
        private final PageboxTree tree;
        private final Config config;
        private final CommitMode mode;
        private final long timedStart;
        private final long end;
        private final SplittableRandom random;
        private final Histogram latency = new Histogram(SIGNIFICANT_DIGITS);
        private long timedPuts;
        private volatile @Nullable RuntimeException failure;

        Writer(PageboxTree tree, Config config, CommitMode mode, long timedStart, long end, long seed) {
            this.tree = tree;
            this.config = config;
            this.mode = mode;
            this.timedStart = timedStart;
            this.end = end;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public void run() {
            try {
                for (long version = 1; ; version++) {
                    int record = random.nextInt(config.keys());
                    byte[] key = BenchRecords.key(record);
                    byte[] value = BenchRecords.value(record, version, config.valueSize(), random);
                    long started = System.nanoTime();
                    if (started >= end) {
                        return;
                    }
                    tree.put(key, value, mode);
                    if (started >= timedStart) {
                        latency.recordValue(System.nanoTime() - started);
                        timedPuts++;
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        void rethrow() {
            RuntimeException e = failure;
            if (e != null) {
                throw new IllegalStateException("a writer failed", e);
            }
        }
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static void join(List<Thread> threads) {
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String describe(Phase p) {
        return String.format(
                "%s: %s puts/s, p50 %s µs, p99 %s µs, p99.9 %s µs, max %s µs; %d checkpoints (median %s ms, "
                        + "max %s ms); %,d pages written, log %s MiB/s, %,d syncs, %,d log-buffer waits",
                p.cell(),
                Figures.format(p.putsPerSecond(), 0),
                us(p.percentile(50)),
                us(p.percentile(99)),
                us(p.percentile(99.9)),
                us(p.latency().getMaxValue()),
                p.checkpointNanos().size(),
                p.checkpointNanos().isEmpty()
                        ? "-"
                        : Figures.format(Figures.millis(Figures.median(p.checkpointNanos(), Long::doubleValue)), 0),
                Figures.format(Figures.millis(Figures.max(p.checkpointNanos(), Long::doubleValue)), 0),
                p.pagesWritten(),
                Figures.format(p.logMibPerSecond(), 1),
                p.logSyncs(),
                p.logSpaceWaits());
    }

    /** The Markdown table: per cell, the median over its runs of each figure. */
    static String table(List<Phase> phases, Config config) {
        StringBuilder table = new StringBuilder();
        table.append("\n| puts | checkpoints | puts/s | p50 (µs) | p99 (µs) | p99.9 (µs) | max (µs) "
                + "| checkpoints per phase | checkpoint median / max (ms) | pages per checkpoint | log MiB/s "
                + "| log-buffer waits |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CommitMode mode : config.modes()) {
            for (int threads : config.threads()) {
                for (boolean checkpointing : List.of(false, true)) {
                    List<Phase> cell = phases.stream()
                            .filter(p ->
                                    p.mode() == mode && p.threads() == threads && p.checkpointing() == checkpointing)
                            .toList();
                    table.append(row(cell));
                }
            }
        }
        table.append("\nMedians over ")
                .append(config.runs())
                .append(" runs of ")
                .append(config.duration().toSeconds())
                .append(" s each; latencies of every put (HdrHistogram).\n");
        return table.toString();
    }

    private static String row(List<Phase> cell) {
        Phase first = cell.getFirst();
        List<Long> allCheckpoints =
                cell.stream().flatMap(p -> p.checkpointNanos().stream()).toList();
        double pagesPerCheckpoint = allCheckpoints.isEmpty()
                ? 0
                : Figures.median(
                        cell,
                        p -> p.pagesWritten()
                                / (double) Math.max(1, p.checkpointNanos().size()));
        return String.format(
                "| %s ×%d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                first.mode().name().toLowerCase(Locale.ROOT),
                first.threads(),
                first.checkpointing() ? "back to back" : "none",
                Figures.format(Figures.median(cell, Phase::putsPerSecond), 0),
                us(Figures.median(cell, p -> p.percentile(50))),
                us(Figures.median(cell, p -> p.percentile(99))),
                us(Figures.median(cell, p -> p.percentile(99.9))),
                us(Figures.median(cell, p -> p.latency().getMaxValue())),
                Figures.format(Figures.median(cell, p -> p.checkpointNanos().size()), 0),
                allCheckpoints.isEmpty()
                        ? "-"
                        : Figures.format(Figures.millis(Figures.median(allCheckpoints, Long::doubleValue)), 0) + " / "
                                + Figures.format(Figures.millis(Figures.max(allCheckpoints, Long::doubleValue)), 0),
                allCheckpoints.isEmpty() ? "-" : Figures.format(pagesPerCheckpoint, 0),
                Figures.format(Figures.median(cell, Phase::logMibPerSecond), 1),
                Figures.format(Figures.median(cell, Phase::logSpaceWaits), 0));
    }

    private static String us(double nanos) {
        return Figures.format(Figures.micros(nanos), nanos < 100_000 ? 1 : 0);
    }

    /**
     * Runs the benchmark from the command line.
     *
     * @param args see the usage text ({@code --help})
     */
    public static void main(String[] args) {
        Config config;
        try {
            BenchArgs a = BenchArgs.parse(
                    args,
                    Set.of("keys", "value-size", "modes", "threads", "duration", "warmup", "runs", "pool", "dir"),
                    Set.of("help"));
            if (a.flag("help")) {
                System.out.print(USAGE);
                return;
            }
            List<CommitMode> modes = new ArrayList<>();
            for (String mode : a.list("modes", "strict,relaxed")) {
                modes.add(CommitMode.valueOf(mode.toUpperCase(Locale.ROOT)));
            }
            int valueSize = a.valueSize(200);
            config = new Config(
                    BenchData.root(a.optional("dir")),
                    a.integer("keys", 1_000_000),
                    valueSize,
                    modes,
                    a.integerList("threads", "1,2"),
                    a.duration("duration", "15s"),
                    a.duration("warmup", "2s"),
                    a.integer("runs", 3),
                    PageboxOptions.builder().poolSize(a.bytes("pool", "1g")).build());
        } catch (IllegalArgumentException e) {
            System.err.println("CheckpointLatencyBench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(1);
            return;
        }
        run(config, System.out);
    }
}
