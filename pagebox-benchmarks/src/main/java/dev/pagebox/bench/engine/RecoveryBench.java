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
import dev.pagebox.RecoverySummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Log replay on open: how fast recovery replays the write-ahead log, and how long opening a store with a long log
 * takes.
 *
 * <p>For each log size: loads {@code keys} records into a new store and checkpoints, then overwrites random
 * records (commit mode NONE; no background checkpoints) until the log since that checkpoint holds the size, and
 * closes without a checkpoint, exactly what a crash after a final {@code sync()} leaves. Each run copies that
 * store (synced, so no write-back competes), optionally drops the OS page cache, and opens the copy in a fresh
 * JVM ({@link RecoveryChild}), as a restart would, timing {@link Pagebox#open} and reading its
 * {@link RecoverySummary}; then, untimed, checks that the replay covered exactly the records the log took and
 * that every record came back at its newest version.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp pagebox-benchmarks/target/benchmarks.jar \
 *      dev.pagebox.bench.engine.RecoveryBench --wal 256m,1g --runs 3 --cache warm,cold
 * }</pre>
 */
public final class RecoveryBench {
    static final String TREE = "bench";

    private static final int STATS_EVERY = 4096;
    private static final String USAGE = """
            usage: RecoveryBench [options]
              --wal SIZES         log sizes to replay, e.g. 256m,1g (default 256m,512m,1g)
              --keys N            records in the store (default 100000)
              --value-size BYTES  value size (default 200)
              --runs N            opens per size and cache state (default 3)
              --cache LIST        warm (log in the OS page cache) and/or cold (dropped first, root only)
                                  (default warm)
              --pool SIZE         buffer pool (default 256m)
              --dir DIR           where the stores go (default -Dpagebox.bench.dir or java.io.tmpdir)
            """;

    private RecoveryBench() {}

    /**
     * What to measure.
     *
     * @param root where the stores go (each in a fresh directory, deleted afterwards)
     * @param walSizes log bytes to replay, one store per size
     * @param keys records in the store
     * @param valueSize bytes per value
     * @param runs opens per size and cache state
     * @param caches whether the log is in the OS page cache at open ({@code "warm"}) or dropped ({@code "cold"})
     * @param options the store's options; checkpoint settings are overridden
     */
    public record Config(
            Path root,
            List<Long> walSizes,
            int keys,
            int valueSize,
            int runs,
            List<String> caches,
            PageboxOptions options) {}

    /**
     * The store a size's runs open.
     *
     * @param targetBytes the log size asked for
     * @param puts overwrites after the checkpoint
     * @param logRecords records the log took after the checkpoint
     * @param logBytes log bytes after the checkpoint, at the last write
     * @param nanos time to load, checkpoint, overwrite and close
     * @param storeBytes size of the closed store's files
     */
    public record Build(long targetBytes, long puts, long logRecords, long logBytes, long nanos, long storeBytes) {}

    /**
     * One timed open.
     *
     * @param cache "warm" or "cold"
     * @param openNanos {@link Pagebox#open} in a fresh JVM: finding the log's end, recovery, the checkpoint after it
     * @param openCpuNanos CPU time of the opening thread meanwhile, less sensitive than wall time to other
     *     processes competing for the CPU
     * @param recovery what it replayed
     */
    public record Run(String cache, long openNanos, long openCpuNanos, RecoverySummary recovery) {
        /** Log bytes replayed. */
        public long replayedBytes() {
            return recovery.toLsn() - recovery.fromLsn();
        }

        public double mibPerSecond() {
            return Figures.mib(replayedBytes()) / seconds(recovery.took());
        }

        public double recordsPerSecond() {
            return recovery.recordsReplayed() / seconds(recovery.took());
        }

        /** Log replayed per second of the opening thread's CPU time (the whole open's). */
        public double mibPerCpuSecond() {
            return Figures.mib(replayedBytes()) / (Math.max(1, openCpuNanos) / 1e9);
        }
    }

    /** One log size: its store and its runs in one cache state. */
    public record Result(Build build, String cache, List<Run> runs) {}

    /**
     * Runs the benchmark, printing each run and then a Markdown table of medians.
     *
     * @return one result per size and cache state
     */
    public static List<Result> run(Config config, PrintStream out) {
        PageboxOptions options = withoutCheckpoints(config.options());
        List<Result> results = new ArrayList<>();
        for (long size : config.walSizes()) {
            Path base = BenchData.createDirectory(config.root(), "recovery-base");
            try {
                int[] versions = new int[config.keys()];
                Build build = build(base, options, config, size, versions);
                out.printf(
                        "log %s MiB: %,d overwrites after loading %,d records, %,d log records, %s MiB of log, "
                                + "built in %s s, store %s MiB%n",
                        Figures.format(Figures.mib(size), 0),
                        build.puts(),
                        config.keys(),
                        build.logRecords(),
                        Figures.format(Figures.mib(build.logBytes()), 1),
                        Figures.format(build.nanos() / 1e9, 1),
                        Figures.format(Figures.mib(build.storeBytes()), 1));
                List<Run> runs = new ArrayList<>();
                for (int run = 0; run < config.runs(); run++) {
                    for (String cache : Figures.alternate(config.caches(), run)) {
                        Run measured = openCopy(config.root(), base, options, cache, build, versions);
                        runs.add(measured);
                        out.println("  run " + (run + 1) + " " + describe(measured));
                    }
                }
                for (String cache : config.caches()) {
                    results.add(new Result(
                            build,
                            cache,
                            runs.stream().filter(r -> r.cache().equals(cache)).toList()));
                }
            } finally {
                BenchData.delete(base);
            }
        }
        out.print(table(results, config.runs()));
        return results;
    }

    /** The options with background checkpoints and the checkpoint at close turned off. */
    static PageboxOptions withoutCheckpoints(PageboxOptions options) {
        return options.toBuilder()
                .checkpointInterval(Duration.ZERO)
                .checkpointWalSize(Long.MAX_VALUE)
                .checkpointOnClose(false)
                .build();
    }

    private static Build build(Path directory, PageboxOptions options, Config config, long size, int[] versions) {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(size);
        long puts = 0;
        long records;
        long bytes;
        try (Pagebox store = Pagebox.open(directory, options)) {
            PageboxTree tree = store.tree(TREE);
            BenchRecords.load(tree, config.keys(), config.valueSize(), size);
            store.checkpoint();
            PageboxStats start = store.stats();
            long redo = start.checkpoints().lastRedoLsn();
            while (store.stats().log().endLsn() - redo < size) {
                for (int i = 0; i < STATS_EVERY; i++) {
                    int record = random.nextInt(config.keys());
                    int version = ++versions[record];
                    tree.put(
                            BenchRecords.key(record),
                            BenchRecords.value(record, version, config.valueSize(), random),
                            CommitMode.NONE);
                }
                puts += STATS_EVERY;
            }
            store.sync();
            PageboxStats end = store.stats();
            records = end.log().records() - start.log().records();
            bytes = end.log().endLsn() - redo;
        }
        return new Build(size, puts, records, bytes, System.nanoTime() - started, BenchData.size(directory));
    }

    private static Run openCopy(
            Path root, Path base, PageboxOptions options, String cache, Build build, int[] versions) {
        Path copy = BenchData.createDirectory(root, "recovery-run");
        try {
            BenchData.copyStore(base, copy);
            if (cache.equals("cold")) {
                BenchData.dropPageCache();
            }
            Run run = RecoveryChild.run(copy, options, cache);
            RecoverySummary recovery = run.recovery();
            if (recovery.recordsReplayed() != build.logRecords()) {
                throw new IllegalStateException(
                        "replayed " + recovery.recordsReplayed() + " records but the log took " + build.logRecords());
            }
            if (run.replayedBytes() < build.logBytes()) {
                throw new IllegalStateException("replayed LSNs " + recovery.fromLsn() + " to " + recovery.toLsn()
                        + ", less than the " + build.logBytes() + " log bytes written");
            }
            try (Pagebox store = Pagebox.open(copy, options)) {
                BenchRecords.verify(store.tree(TREE), versions.length, versions);
            }
            return run;
        } finally {
            BenchData.delete(copy);
        }
    }

    private static String describe(Run run) {
        RecoverySummary r = run.recovery();
        return String.format(
                "%s: open %s ms (CPU %s ms), recovery %s ms, %,d records / %s MiB replayed (%s MiB/s, "
                        + "%s records/s), %,d pages written",
                run.cache(),
                Figures.format(Figures.millis(run.openNanos()), 0),
                Figures.format(Figures.millis(run.openCpuNanos()), 0),
                Figures.format(r.took().toNanos() / 1e6, 0),
                r.recordsReplayed(),
                Figures.format(Figures.mib(run.replayedBytes()), 1),
                Figures.format(run.mibPerSecond(), 0),
                Figures.format(run.recordsPerSecond(), 0),
                r.pagesWritten());
    }

    /** The Markdown table of medians over each size's runs. */
    static String table(List<Result> results, int runs) {
        StringBuilder table = new StringBuilder();
        table.append("\n| log replayed (MiB) | cache | records replayed | open (ms) | recovery (ms) | MiB/s "
                + "| records/s | open CPU (ms) | MiB per CPU s | pages written |\n");
        table.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result result : results) {
            List<Run> r = result.runs();
            table.append(String.format(
                    "| %s | %s | %,d | %s | %s | %s | %s | %s | %s | %,d |%n",
                    Figures.format(Figures.mib(Figures.median(r, Run::replayedBytes)), 1),
                    result.cache(),
                    result.build().logRecords(),
                    Figures.format(Figures.millis(Figures.median(r, Run::openNanos)), 0),
                    Figures.format(
                            Figures.median(r, run -> run.recovery().took().toNanos()) / 1e6, 0),
                    Figures.format(Figures.median(r, Run::mibPerSecond), 0),
                    Figures.format(Figures.median(r, Run::recordsPerSecond), 0),
                    Figures.format(Figures.millis(Figures.median(r, Run::openCpuNanos)), 0),
                    Figures.format(Figures.median(r, Run::mibPerCpuSecond), 0),
                    (long) Figures.median(r, run -> run.recovery().pagesWritten())));
        }
        table.append("\nMedians of ").append(runs).append(" runs per row.\n");
        return table.toString();
    }

    private static double seconds(Duration duration) {
        return Math.max(1, duration.toNanos()) / 1e9;
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
                    args, Set.of("wal", "keys", "value-size", "runs", "cache", "pool", "dir"), Set.of("help"));
            if (a.flag("help")) {
                System.out.print(USAGE);
                return;
            }
            List<String> caches = a.cacheModes("warm");
            int valueSize = a.valueSize(200);
            config = new Config(
                    BenchData.root(a.optional("dir")),
                    a.byteList("wal", "256m,512m,1g"),
                    a.integer("keys", 100_000),
                    valueSize,
                    a.integer("runs", 3),
                    caches,
                    PageboxOptions.builder().poolSize(a.bytes("pool", "256m")).build());
        } catch (IllegalArgumentException e) {
            System.err.println("RecoveryBench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(1);
            return;
        }
        run(config, System.out);
    }
}
