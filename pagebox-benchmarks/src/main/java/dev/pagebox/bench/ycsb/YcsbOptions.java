/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import dev.pagebox.bench.kv.KvEngineType;
import dev.pagebox.bench.kv.KvEngines;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The driver's command line. Sizes take a k, m or g suffix (powers of 1024); durations take ms, s or m.
 *
 * @param workloads workloads of the resident and pressure regimes
 * @param durableWorkloads workloads of the durable regime
 * @param engines engines to run
 * @param regimes regimes to run
 * @param threads client thread counts of the resident and pressure regimes
 * @param durableThreads client thread counts of the durable regime
 * @param records records loaded before each run
 * @param valueSize bytes per value
 * @param durationMillis timed part of each run
 * @param operations operations per run instead of a duration (0: use the duration)
 * @param warmupMillis untimed workload before each timed part
 * @param cacheBudget budget of the resident and durable regimes (0: twice the raw data, at least 16 MiB)
 * @param pressureBudget budget of the pressure regime (0: a quarter of the raw data)
 * @param dataDirectory where stores live while they run
 * @param outputDirectory where results, report, chart and child logs go
 * @param repeat runs per cell
 * @param seed seed of values and client random sources
 * @param heap child JVM heap, fixed and touched at start ({@code -Xms}, {@code -Xmx}, {@code -XX:+AlwaysPreTouch})
 * @param loadThreads threads that load the data
 * @param virtualThreadsFrom thread counts from this one up use virtual threads
 * @param reportFrom when set, only regenerate the report and chart from this results CSV
 */
public record YcsbOptions(
        List<Workload> workloads,
        List<Workload> durableWorkloads,
        List<KvEngineType> engines,
        List<Regime> regimes,
        List<Integer> threads,
        List<Integer> durableThreads,
        long records,
        int valueSize,
        long durationMillis,
        long operations,
        long warmupMillis,
        long cacheBudget,
        long pressureBudget,
        Path dataDirectory,
        Path outputDirectory,
        int repeat,
        long seed,
        String heap,
        int loadThreads,
        int virtualThreadsFrom,
        int batch,
        boolean keepOsCache,
        @Nullable Path reportFrom) {

    private static final long MIB = 1L << 20;

    /** The command-line help, a format string taking the engine names and the smallest value size. */
    static final String USAGE = """
            Usage: ycsb [options]
              --workloads a,c,e           workloads of the resident and pressure regimes (a-f, fill-random, overwrite; default a,b,c,d,e,f);
                                          bulk-load runs BulkLoadBench instead (its own options: --engines pagebox-bulk,
                                          pagebox-random,rocksdb-random,rocksdb-sorted,rocksdb-sst --records --value-size
                                          --cache-budget --repeat --batch --fill --data-dir --output-dir)
              --durable-workloads LIST    workloads of the durable regime (default overwrite)
              --engines LIST              engines (default: all registered: %s)
              --regimes LIST              resident, pressure, durable (default resident)
              --threads LIST              client threads, resident and pressure (default 1)
              --durable-threads LIST      client threads, durable (default 1,2,16,64)
              --records N                 records loaded before each run (default 100000)
              --value-size N              bytes per value, at least %d (default 100)
              --duration D                timed part of each run (default 20s)
              --operations N              operations per run instead of a duration
              --warmup D                  untimed workload before timing (default 2s)
              --cache-budget SIZE         budget, resident and durable (default 2 x raw data, at least 16m)
              --pressure-budget SIZE      budget, pressure; data must be >= 4 x budget (default raw data / 4)
              --data-dir DIR              where stores live (default target/ycsb-data)
              --output-dir DIR            results.csv, results.md, ycsb-throughput.png, logs/ (default target/ycsb-results)
              --repeat N                  runs per cell; reports show medians (default 1)
              --seed N                    seed (default 42)
              --heap SIZE                 child JVM heap, fixed and pre-touched (default 1g)
              --load-threads N            loader threads (default: available processors)
              --virtual-threads-from N    thread counts >= N use virtual threads (default 16)
              --batch N                   records per write in fill-random runs, as engine batches (default 1)
              --keep-os-cache BOOL        pressure: keep the OS page cache warm instead of dropping it (default false)
              --report-from CSV           only regenerate results.md and the chart from a results CSV
            """;

    /**
     * Returns the raw data size: records times key plus value bytes.
     *
     * @return bytes
     */
    public long rawDataBytes() {
        return records * (Keys.LENGTH + valueSize);
    }

    /**
     * Returns the cache budget of a regime.
     *
     * @param regime the regime
     * @return bytes
     */
    public long budget(Regime regime) {
        if (regime == Regime.PRESSURE) {
            return pressureBudget > 0 ? pressureBudget : Math.max(MIB, rawDataBytes() / 4);
        }
        return cacheBudget > 0 ? cacheBudget : Math.max(16 * MIB, 2 * rawDataBytes());
    }

    /**
     * Parses a command line.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException naming the bad option
     */
    public static YcsbOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                given.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                given.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
        }
        Options o = new Options(given);
        YcsbOptions options = new YcsbOptions(
                o.list("workloads", "a,b,c,d,e,f", Workload::of),
                o.list("durable-workloads", "overwrite", Workload::of),
                o.list("engines", String.join(",", engineNames()), KvEngines::byName),
                o.list("regimes", "resident", Regime::of),
                o.list("threads", "1", Integer::parseInt),
                o.list("durable-threads", "1,2,16,64", Integer::parseInt),
                Long.parseLong(o.get("records", "100000")),
                Integer.parseInt(o.get("value-size", "100")),
                millis(o.get("duration", "20s")),
                Long.parseLong(o.get("operations", "0")),
                millis(o.get("warmup", "2s")),
                bytes(o.get("cache-budget", "0")),
                bytes(o.get("pressure-budget", "0")),
                Path.of(o.get("data-dir", "target/ycsb-data")),
                Path.of(o.get("output-dir", "target/ycsb-results")),
                Integer.parseInt(o.get("repeat", "1")),
                Long.parseLong(o.get("seed", "42")),
                o.get("heap", "1g"),
                Integer.parseInt(o.get(
                        "load-threads", Integer.toString(Runtime.getRuntime().availableProcessors()))),
                Integer.parseInt(o.get("virtual-threads-from", "16")),
                Integer.parseInt(o.get("batch", "1")),
                Boolean.parseBoolean(o.get("keep-os-cache", "false")),
                o.has("report-from") ? Path.of(o.get("report-from", "")) : null);
        o.rejectUnknown();
        options.validate();
        return options;
    }

    private void validate() {
        if (valueSize < Values.MIN_SIZE) {
            throw new IllegalArgumentException("--value-size must be at least " + Values.MIN_SIZE);
        }
        if (records < 1 || repeat < 1 || loadThreads < 1) {
            throw new IllegalArgumentException("--records, --repeat and --load-threads must be positive");
        }
        if (threads.stream().anyMatch(t -> t < 1) || durableThreads.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("thread counts must be positive");
        }
        if (regimes.contains(Regime.PRESSURE) && rawDataBytes() < 4 * budget(Regime.PRESSURE)) {
            throw new IllegalArgumentException("pressure needs data >= 4 x budget: raw data is " + rawDataBytes()
                    + " bytes, budget " + budget(Regime.PRESSURE) + "; raise --records or lower --pressure-budget");
        }
    }

    /**
     * Returns the command-line help.
     *
     * @return the usage text
     */
    public static String usage() {
        return USAGE.formatted(String.join(", ", engineNames()), Values.MIN_SIZE);
    }

    static List<String> engineNames() {
        return KvEngines.available().stream().map(KvEngineType::name).toList();
    }

    static long millis(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Long.parseLong(t.substring(0, t.length() - 2));
        }
        if (t.endsWith("s")) {
            return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000);
        }
        if (t.endsWith("m")) {
            return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000);
        }
        return Long.parseLong(t);
    }

    static long bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int shift =
                switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
                    case 'k' -> 10;
                    case 'm' -> 20;
                    case 'g' -> 30;
                    default -> 0;
                };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        return Math.round(Double.parseDouble(digits) * (1L << shift));
    }

    /** The given options, remembering which were read so that misspelt ones are reported. */
    private static final class Options {
        private final Map<String, String> given;
        private final Set<String> read = new HashSet<>();

        Options(Map<String, String> given) {
            this.given = given;
        }

        boolean has(String name) {
            read.add(name);
            return given.containsKey(name);
        }

        String get(String name, String fallback) {
            read.add(name);
            return given.getOrDefault(name, fallback);
        }

        <T> List<T> list(String name, String fallback, Function<String, T> parser) {
            return Arrays.stream(get(name, fallback).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(parser)
                    .toList();
        }

        void rejectUnknown() {
            for (String name : given.keySet()) {
                if (!read.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
        }
    }
}
