/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.engine;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fresh JVM of one {@link CleanOpenBench} run: opens the store, gets one record (checked), closes, and does
 * the same again, then prints the times on a line starting with {@value #TAG}. Exit status 1 if the record is
 * missing or wrong.
 */
public final class CleanOpenChild {
    static final String TAG = "clean-open-times";

    private CleanOpenChild() {}

    /**
     * What one JVM measured.
     *
     * @param openNanos the first {@link Pagebox#open} in this JVM
     * @param getNanos the first get after it (opening the tree included)
     * @param closeNanos the close after it (a checkpoint with nothing to write)
     * @param reopenNanos the second open, in the same JVM
     * @param regetNanos the get after it (the same record, read from the file again)
     * @param recordsReplayed what the first open replayed (0 after a clean close)
     * @param openCpuNanos CPU time of the thread that made the first open, meanwhile
     */
    public record Times(
            long openNanos,
            long getNanos,
            long closeNanos,
            long reopenNanos,
            long regetNanos,
            long recordsReplayed,
            long openCpuNanos) {}

    /** Runs this child for a store and returns its times and its JVM's lifetime. */
    static ChildJvm.Outcome run(Path directory, PageboxOptions options, long record) {
        List<String> arguments = new ArrayList<>();
        arguments.add(directory.toString());
        arguments.add(Long.toString(record));
        arguments.addAll(ChildJvm.optionArguments(options));
        return ChildJvm.run(CleanOpenChild.class, TAG, arguments);
    }

    static Times times(long[] figures) {
        return new Times(figures[0], figures[1], figures[2], figures[3], figures[4], figures[5], figures[6]);
    }

    /**
     * Measures.
     *
     * @param args directory, record number, then {@link ChildJvm#optionArguments}
     */
    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        long record = Long.parseLong(args[1]);
        PageboxOptions options = ChildJvm.options(args, 2);
        long[] first = openGetClose(directory, options, record);
        long[] second = openGetClose(directory, options, record);
        System.out.println(TAG + " " + first[0] + " " + first[1] + " " + first[2] + " " + second[0] + " " + second[1]
                + " " + first[3] + " " + first[4]);
    }

    /** Returns open, get and close nanoseconds, the records replayed and the open's CPU nanoseconds. */
    private static long[] openGetClose(Path directory, PageboxOptions options, long record) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        Pagebox store = Pagebox.open(directory, options);
        long opened = System.nanoTime();
        long openCpu = threads.getCurrentThreadCpuTime() - cpuStarted;
        byte[] value = store.tree(RecoveryBench.TREE).get(BenchRecords.key(record));
        long answered = System.nanoTime();
        long replayed = store.recovery().recordsReplayed();
        store.close();
        long closed = System.nanoTime();
        if (value == null || BenchRecords.record(value) != record) {
            System.out.println("record " + record + " is " + (value == null ? "missing" : "wrong"));
            System.exit(1);
        }
        return new long[] {opened - started, answered - opened, closed - answered, replayed, openCpu};
    }
}
