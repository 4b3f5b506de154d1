/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders results as markdown: a throughput matrix (cells by engine) and, per regime, a table of every figure.
 * A pure function of the raw rows, so {@code results.md} can be regenerated from {@code results.csv} alone.
 */
public final class MarkdownReport {
    private static final double MIB = 1024.0 * 1024.0;

    private MarkdownReport() {}

    /**
     * Renders the report.
     *
     * @param records the raw runs
     * @param registeredEngines names of every engine the driver knows (a Pagebox entry ends the "pending" note)
     * @return markdown text
     */
    public static String render(List<RunRecord> records, List<String> registeredEngines) {
        List<CellSummary> cells = CellSummary.of(records);
        StringBuilder out = new StringBuilder();
        out.append("### Settings\n\n");
        settings(records, out);
        if (!registeredEngines.contains("pagebox")) {
            out.append("\n**Pagebox: pending.** The engine has no adapter yet; its column will appear here"
                    + " once `PageboxEngine` is registered in `KvEngines`.\n");
        }
        out.append("\n### Throughput (operations per second, median of runs)\n\n");
        throughputMatrix(cells, out);
        for (String regime : CellSummary.distinct(cells, CellSummary::regime)) {
            out.append("\n### Regime: ").append(regime).append("\n\n");
            details(cells.stream().filter(c -> c.regime().equals(regime)).toList(), out);
        }
        out.append("\n").append(NOTES);
        return out.toString();
    }

    private static final String NOTES = """
            *ops/s range*: the slowest and the fastest run. Latencies in microseconds (HdrHistogram, every
            operation timed). *device W/op* and *device R/op*: bytes written to / read from the block device
            holding the store (its `/sys/dev/block/…/stat` sector counts, each read after `sync -f`), from the
            start of the timed part to after the close that flushes it, divided by the operations. *disk after
            load*: the store's files after the load and a clean close. *peak RSS*: `VmHWM` of the run's JVM
            (its heap, fixed and touched at start, engine memory, mapped file pages it touched). *engine RSS*:
            peak RSS minus the JVM's RSS just before the engine opened: the engine's caches, off-heap
            structures, threads, native code and touched file pages; */ budget* relates it to the cache budget.
            An engine marked
            † is not held to the cache budget: LMDB's only cache is the OS page cache; the skip list lives
            on the JVM heap.
            """;

    private static void settings(List<RunRecord> records, StringBuilder out) {
        int repeats = records.stream().mapToInt(RunRecord::repeat).max().orElse(1);
        for (String regime : records.stream().map(RunRecord::regime).distinct().toList()) {
            List<RunRecord> inRegime =
                    records.stream().filter(r -> r.regime().equals(regime)).toList();
            RunRecord first = inRegime.getFirst();
            String drops =
                    inRegime.stream().map(RunRecord::cacheDrop).distinct().collect(Collectors.joining(", "));
            out.append("- ")
                    .append(regime)
                    .append(": ")
                    .append(String.format(Locale.ROOT, "%,d", first.records()))
                    .append(" records, 8-byte keys, ")
                    .append(first.valueSize())
                    .append("-byte values (raw data ")
                    .append(mib(first.records() * (8.0 + first.valueSize())))
                    .append(" MiB), cache budget ")
                    .append(mib(inRegime.getFirst().cacheBudget()))
                    .append(" MiB, timed part ")
                    .append(String.format(Locale.ROOT, "%.1f", CellSummary.median(inRegime, RunRecord::seconds)))
                    .append(" s (median), OS page cache dropped before timing: ")
                    .append(drops)
                    .append('\n');
        }
        out.append("- repetitions per cell: ").append(repeats).append(" (medians shown)\n");
    }

    private static void throughputMatrix(List<CellSummary> cells, StringBuilder out) {
        List<String> engines = CellSummary.distinct(cells, CellSummary::engine);
        out.append("| regime | workload |");
        engines.forEach(e -> out.append(' ').append(e).append(" |"));
        out.append("\n|---|---|");
        engines.forEach(e -> out.append("---:|"));
        out.append('\n');
        List<String> rows =
                cells.stream().map(c -> c.regime() + '|' + c.label()).distinct().toList();
        for (String row : rows) {
            String[] parts = row.split("\\|", 2);
            out.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" |");
            for (String engine : engines) {
                CellSummary cell = cells.stream()
                        .filter(c -> (c.regime() + '|' + c.label()).equals(row)
                                && c.engine().equals(engine))
                        .findFirst()
                        .orElse(null);
                out.append(' ')
                        .append(cell == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", cell.operationsPerSecond()))
                        .append(" |");
            }
            out.append('\n');
        }
    }

    private static void details(List<CellSummary> cells, StringBuilder out) {
        out.append("| workload | engine | ops/s | ops/s range | p50 | p99 | p99.9 | device W/op | device R/op"
                + " | disk after load (MiB) | peak RSS (MiB) | engine RSS (MiB) | / budget | runs |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CellSummary c : cells) {
            out.append("| ")
                    .append(c.label())
                    .append(" | ")
                    .append(c.engine())
                    .append(c.cacheBounded() ? "" : " \u2020")
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", c.operationsPerSecond()))
                    .append(" | ")
                    .append(String.format(
                            Locale.ROOT,
                            "%,.0f\u2013%,.0f",
                            c.slowestOperationsPerSecond(),
                            c.fastestOperationsPerSecond()))
                    .append(" | ")
                    .append(micros(c.p50Micros()))
                    .append(" | ")
                    .append(micros(c.p99Micros()))
                    .append(" | ")
                    .append(micros(c.p999Micros()))
                    .append(" | ")
                    .append(bytes(c.writeBytesPerOperation()))
                    .append(" | ")
                    .append(bytes(c.readBytesPerOperation()))
                    .append(" | ")
                    .append(mib(c.diskBytesAfterLoad()))
                    .append(" | ")
                    .append(mib(c.peakRssBytes()))
                    .append(" | ")
                    .append(mib(c.engineRssBytes()))
                    .append(" | ")
                    .append(ratio(c.engineRssBytes(), c.cacheBudget()))
                    .append(" | ")
                    .append(c.runs())
                    .append(" |\n");
        }
    }

    private static String ratio(double bytes, double budget) {
        return bytes < 0 || budget <= 0 ? "?" : String.format(Locale.ROOT, "%.2f", bytes / budget);
    }

    private static String micros(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 1000 ? "%.1f" : "%,.0f", value);
    }

    private static String bytes(double value) {
        return value < 0 ? "?" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String mib(double bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,.1f", bytes / MIB);
    }
}
