/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.engine;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxTree;
import dev.pagebox.internal.store.PageStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Opening a large store after a clean close: the time from {@link Pagebox#open} to the first answered get, which
 * should not grow with the store (a clean close checkpoints, so nothing is replayed, and nothing is read ahead).
 *
 * <p>Builds one store of about {@code --size} bytes of pages (random-order inserts, 16-byte keys), closes it
 * cleanly, then runs each measurement in a fresh JVM ({@link CleanOpenChild}), as a restart would: open, get one
 * random record (checked), close, and the same again in that JVM. Optionally drops the OS page cache before each
 * JVM starts.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp pagebox-benchmarks/target/benchmarks.jar \
 *      dev.pagebox.bench.engine.CleanOpenBench --size 1g --runs 7 --cache warm,cold
 * }</pre>
 */
public final class CleanOpenBench {
    private static final int STATS_EVERY = 16_384;
    private static final long MIN_BUILD_POOL = 64L << 20;
    private static final String USAGE = """
            usage: CleanOpenBench [options]
              --size SIZE         page bytes to build (default 1g)
              --value-size BYTES  value size (default 500)
              --runs N            fresh JVMs per cache state (default 7)
              --cache LIST        warm (store in the OS page cache) and/or cold (dropped first, root only)
                                  (default warm)
              --pool SIZE         buffer pool of the measured opens (default 256m)
              --dir DIR           where the store goes (default -Dpagebox.bench.dir or java.io.tmpdir)
            """;

    private CleanOpenBench() {}

    /**
     * What to measure.
     *
     * @param root where the store goes (a fresh directory, deleted afterwards)
     * @param targetBytes page bytes to build
     * @param valueSize bytes per value
     * @param runs fresh JVMs per cache state
     * @param caches "warm" and/or "cold" (OS page cache dropped before each JVM starts)
     * @param options the measured opens' options; the build uses a pool that holds the whole store
     */
    public record Config(
            Path root, long targetBytes, int valueSize, int runs, List<String> caches, PageboxOptions options) {}

    /**
     * The store.
     *
     * @param records records inserted
     * @param nanos time to build and close it
     * @param dataFileBytes the page file's size
     * @param storeBytes the size of all its files
     */
    public record Build(long records, long nanos, long dataFileBytes, long storeBytes) {}

    /**
     * One fresh JVM.
     *
     * @param cache "warm" or "cold"
     * @param processNanos the child JVM from start to exit
     * @param child what it measured
     */
    public record Run(String cache, long processNanos, CleanOpenChild.Times child) {
        /** From the start of the first open to the first get's answer. */
        public long firstAnswerNanos() {
            return child.openNanos() + child.getNanos();
        }
    }

    /**
     * The store and the runs in each cache state.
     *
     * @param build the store
     * @param runs every run, in order
     */
    public record Result(Build build, List<Run> runs) {}

    /** Runs the benchmark, printing each run and then a Markdown table of medians. */
    public static Result run(Config config, PrintStream out) {
        Path directory = BenchData.createDirectory(config.root(), "clean-open");
        try {
            Build build = build(directory, config);
            out.printf(
                    "%,d records of %d-byte values in %s s; page file %s MiB, store %s MiB%n",
                    build.records(),
                    config.valueSize(),
                    Figures.format(build.nanos() / 1e9, 1),
                    Figures.format(Figures.mib(build.dataFileBytes()), 1),
                    Figures.format(Figures.mib(build.storeBytes()), 1));
            List<Run> runs = new ArrayList<>();
            for (int run = 0; run < config.runs(); run++) {
                for (String cache : Figures.alternate(config.caches(), run)) {
                    if (cache.equals("cold")) {
                        BenchData.dropPageCache();
                    }
                    long record = new SplittableRandom(run).nextLong(build.records());
                    ChildJvm.Outcome outcome = CleanOpenChild.run(directory, config.options(), record);
                    Run measured = new Run(cache, outcome.processNanos(), CleanOpenChild.times(outcome.figures()));
                    runs.add(measured);
                    out.println("  run " + (run + 1) + " " + describe(measured));
                }
            }
            Result result = new Result(build, runs);
            out.print(table(result, config));
            return result;
        } finally {
            BenchData.delete(directory);
        }
    }

    private static Build build(Path directory, Config config) {
        long started = System.nanoTime();
        long pool = Math.max(MIN_BUILD_POOL, config.targetBytes() + config.targetBytes() / 2);
        PageboxOptions options = config.options().toBuilder().poolSize(pool).build();
        SplittableRandom random = new SplittableRandom(config.targetBytes());
        long records = 0;
        try (Pagebox store = Pagebox.open(directory, options)) {
            PageboxTree tree = store.tree(RecoveryBench.TREE);
            while (true) {
                var stats = store.stats().pool();
                long pages = stats.frames() - stats.freeFrames();
                if (pages * stats.pageSize() >= config.targetBytes()) {
                    break;
                }
                if (stats.evictions() > 0) {
                    throw new IllegalStateException("the build pool (" + pool + " bytes) evicted pages");
                }
                for (int i = 0; i < STATS_EVERY; i++, records++) {
                    tree.put(
                            BenchRecords.key(records),
                            BenchRecords.value(records, 0, config.valueSize(), random),
                            CommitMode.NONE);
                }
            }
        }
        long nanos = System.nanoTime() - started;
        try {
            long dataFile = Files.size(directory.resolve(PageStore.DATA_FILE));
            return new Build(records, nanos, dataFile, BenchData.size(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Run run) {
        CleanOpenChild.Times t = run.child();
        return String.format(
                "%s: open %s ms (CPU %s ms), first get %s ms, close %s ms; again in the same JVM: open %s ms, "
                        + "get %s ms; JVM %s ms; %d records replayed",
                run.cache(),
                ms(t.openNanos()),
                ms(t.openCpuNanos()),
                ms(t.getNanos()),
                ms(t.closeNanos()),
                ms(t.reopenNanos()),
                ms(t.regetNanos()),
                Figures.format(Figures.millis(run.processNanos()), 0),
                t.recordsReplayed());
    }

    /** The Markdown table of medians per cache state. */
    static String table(Result result, Config config) {
        StringBuilder table = new StringBuilder();
        table.append("\n| cache | open (ms) | open CPU (ms) | first get (ms) | open + get (ms) | close (ms) "
                + "| 2nd open (ms) | 2nd get (ms) | JVM start to exit (ms) | runs |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String cache : config.caches()) {
            List<Run> runs =
                    result.runs().stream().filter(r -> r.cache().equals(cache)).toList();
            table.append(String.format(
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
                    cache,
                    ms(Figures.median(runs, r -> r.child().openNanos())),
                    ms(Figures.median(runs, r -> r.child().openCpuNanos())),
                    ms(Figures.median(runs, r -> r.child().getNanos())),
                    ms(Figures.median(runs, Run::firstAnswerNanos)),
                    ms(Figures.median(runs, r -> r.child().closeNanos())),
                    ms(Figures.median(runs, r -> r.child().reopenNanos())),
                    ms(Figures.median(runs, r -> r.child().regetNanos())),
                    Figures.format(Figures.millis(Figures.median(runs, Run::processNanos)), 0),
                    runs.size()));
        }
        table.append("\nMedians; page file ")
                .append(Figures.format(Figures.mib(result.build().dataFileBytes()), 1))
                .append(" MiB, ")
                .append(String.format("%,d", result.build().records()))
                .append(" records.\n");
        return table.toString();
    }

    private static String ms(double nanos) {
        return Figures.format(Figures.millis(nanos), 2);
    }

    /**
     * Runs the benchmark from the command line.
     *
     * @param args see the usage text ({@code --help})
     */
    public static void main(String[] args) {
        Config config;
        try {
            BenchArgs a =
                    BenchArgs.parse(args, Set.of("size", "value-size", "runs", "cache", "pool", "dir"), Set.of("help"));
            if (a.flag("help")) {
                System.out.print(USAGE);
                return;
            }
            List<String> caches = a.cacheModes("warm");
            int valueSize = a.valueSize(500);
            config = new Config(
                    BenchData.root(a.optional("dir")),
                    a.bytes("size", "1g"),
                    valueSize,
                    a.integer("runs", 7),
                    caches,
                    PageboxOptions.builder().poolSize(a.bytes("pool", "256m")).build());
        } catch (IllegalArgumentException e) {
            System.err.println("CleanOpenBench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(1);
            return;
        }
        run(config, System.out);
    }
}
