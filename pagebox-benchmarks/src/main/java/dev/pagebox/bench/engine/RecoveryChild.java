/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.engine;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.RecoverySummary;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fresh JVM of one {@link RecoveryBench} run: opens the store (which replays its log), closes it without a
 * checkpoint, and prints the open's wall-clock and CPU time (of the opening thread, where recovery runs) and the
 * {@link RecoverySummary} on a line starting with {@value #TAG}.
 */
public final class RecoveryChild {
    static final String TAG = "recovery-times";

    private RecoveryChild() {}

    /** Runs this child on a store and returns the open time and what recovery replayed. */
    static RecoveryBench.Run run(Path directory, PageboxOptions options, String cache) {
        List<String> arguments = new ArrayList<>();
        arguments.add(directory.toString());
        arguments.addAll(ChildJvm.optionArguments(options));
        long[] f = ChildJvm.run(RecoveryChild.class, TAG, arguments).figures();
        RecoverySummary summary =
                new RecoverySummary(f[2], f[3], f[4], f[5], (int) f[6], f[7] != 0, Duration.ofNanos(f[8]));
        return new RecoveryBench.Run(cache, f[0], f[1], summary);
    }

    /**
     * Measures.
     *
     * @param args directory, then {@link ChildJvm#optionArguments}
     */
    public static void main(String[] args) {
        PageboxOptions options = RecoveryBench.withoutCheckpoints(ChildJvm.options(args, 1));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        try (Pagebox store = Pagebox.open(Path.of(args[0]), options)) {
            long openNanos = System.nanoTime() - started;
            long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStarted;
            RecoverySummary r = store.recovery();
            System.out.println(TAG + " " + openNanos + " " + cpuNanos + " " + r.fromLsn() + " " + r.toLsn() + " "
                    + r.recordsReplayed()
                    + " " + r.pagesWritten() + " " + r.pagesRepaired() + " " + (r.tailCut() ? 1 : 0) + " "
                    + r.took().toNanos());
        }
    }
}
