/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The medians over the repetitions of one (regime, workload, threads, engine) cell. Each figure is the median
 * of that figure alone, so the p99 shown need not come from the same run as the throughput shown.
 *
 * @param regime regime name
 * @param workload workload name
 * @param threads client threads
 * @param threadKind {@code platform} or {@code virtual}
 * @param engine engine name
 * @param cacheBudget the engine's cache budget in bytes
 * @param cacheBounded whether the engine holds its cache to the budget
 * @param runs how many repetitions
 * @param operationsPerSecond median throughput
 * @param slowestOperationsPerSecond the lowest throughput of the runs
 * @param fastestOperationsPerSecond the highest throughput of the runs
 * @param p50Micros median of the runs' median latency
 * @param p99Micros median p99 latency
 * @param p999Micros median p99.9 latency
 * @param writeBytesPerOperation median device bytes written per operation (-1 unknown)
 * @param readBytesPerOperation median device bytes read per operation (-1 unknown)
 * @param diskBytesAfterLoad median bytes on disk after the load
 * @param peakRssBytes median peak RSS of the run's JVM
 * @param engineRssBytes median of what the engine added to that RSS (-1 unknown)
 * @param cacheDrop how the page cache was dropped, as recorded by the runs
 */
public record CellSummary(
        String regime,
        String workload,
        int threads,
        String threadKind,
        String engine,
        long cacheBudget,
        boolean cacheBounded,
        int runs,
        double operationsPerSecond,
        double slowestOperationsPerSecond,
        double fastestOperationsPerSecond,
        double p50Micros,
        double p99Micros,
        double p999Micros,
        double writeBytesPerOperation,
        double readBytesPerOperation,
        double diskBytesAfterLoad,
        double peakRssBytes,
        double engineRssBytes,
        String cacheDrop) {

    /**
     * Groups raw runs by cell, keeping the order in which cells first appear.
     *
     * @param records the raw runs
     * @return one summary per cell
     */
    public static List<CellSummary> of(List<RunRecord> records) {
        Map<String, List<RunRecord>> cells = new LinkedHashMap<>();
        for (RunRecord r : records) {
            String key = r.regime() + '/' + r.workload() + '/' + r.threads() + '/' + r.engine();
            cells.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<CellSummary> summaries = new ArrayList<>();
        for (List<RunRecord> runs : cells.values()) {
            RunRecord first = runs.getFirst();
            summaries.add(new CellSummary(
                    first.regime(),
                    first.workload(),
                    first.threads(),
                    first.threadKind(),
                    first.engine(),
                    first.cacheBudget(),
                    first.cacheBounded(),
                    runs.size(),
                    median(runs, RunRecord::operationsPerSecond),
                    runs.stream()
                            .mapToDouble(RunRecord::operationsPerSecond)
                            .min()
                            .orElseThrow(),
                    runs.stream()
                            .mapToDouble(RunRecord::operationsPerSecond)
                            .max()
                            .orElseThrow(),
                    median(runs, RunRecord::p50Micros),
                    median(runs, RunRecord::p99Micros),
                    median(runs, RunRecord::p999Micros),
                    median(runs, RunRecord::writeBytesPerOperation),
                    median(runs, RunRecord::readBytesPerOperation),
                    median(runs, r -> r.diskBytesAfterLoad()),
                    median(runs, r -> r.peakRssBytes()),
                    median(runs, r -> r.engineRssBytes()),
                    first.cacheDrop()));
        }
        return summaries;
    }

    /**
     * Returns the median of a figure over runs (the mean of the middle two for an even count).
     *
     * @param runs at least one run
     * @param figure the figure
     * @return the median
     */
    static double median(List<RunRecord> runs, ToDoubleFunction<RunRecord> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /**
     * Returns the cell's row label in tables and charts.
     *
     * @return for example {@code "a ×2"} or {@code "overwrite ×64 (virtual)"}
     */
    public String label() {
        return workload + " \u00d7" + threads + ("virtual".equals(threadKind) ? " (virtual)" : "");
    }

    /** Makes the distinct values of a field, in first-seen order. */
    static <T> List<T> distinct(List<CellSummary> cells, Function<CellSummary, T> field) {
        return cells.stream().map(field).distinct().toList();
    }
}
