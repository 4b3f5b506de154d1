/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.wal;

import dev.pagebox.CommitMode;
import dev.pagebox.SyncBackend;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * STRICT commits of 128-byte records from N concurrent writers, on each sync backend. JMH threads are platform
 * threads and their count is fixed per class, so one benchmark operation <em>fans out</em>: it starts
 * {@code writers} virtual threads, each appending {@link #ROUNDS} STRICT records one after the other, and joins
 * them. The secondary result {@code commits} is the commit rate (records made durable and acknowledged per
 * second); the primary score counts fan-outs. Starting a virtual thread costs about a microsecond, far below a
 * sync, and {@link #ROUNDS} rounds per writer keep the ramp at the start and the stragglers at the end of an
 * operation small against its steady part. {@link WalStrictThreadsBenchmark} measures 1 and 2 platform threads
 * the usual JMH way, as a check of this method.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class WalStrictBenchmark {
    /** STRICT appends per writer and operation. */
    static final int ROUNDS = 64;

    @Param({"FDATASYNC", "DSYNC", "DIRECT"})
    public SyncBackend backend;

    @Param({"1", "2", "8", "64"})
    public int writers;

    private WalBench bench;
    private final MemorySegment payload = WalBench.payload(RawSyncBenchmark.RECORD);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** The commit rate, reported next to the fan-out rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Commits {
        /** Records committed in this iteration. */
        public long commits;

        /** Starts each iteration at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            commits = 0;
        }
    }

    /** Opens the log. */
    @Setup(Level.Trial)
    public void open() {
        bench = WalBench.open(backend);
    }

    /** Checkpoints between iterations, so segments are recycled. */
    @TearDown(Level.Iteration)
    public void checkpoint() {
        bench.checkpointIfLong();
    }

    /** Closes and deletes the log. */
    @TearDown(Level.Trial)
    public void close() {
        bench.close();
    }

    /**
     * Starts {@code writers} virtual threads that each commit {@link #ROUNDS} records, and waits for them.
     *
     * @param commits counts the records
     * @throws InterruptedException never expected
     */
    @Benchmark
    public void fanOut(Commits commits) throws InterruptedException {
        Thread[] threads = new Thread[writers];
        for (int i = 0; i < writers; i++) {
            threads[i] = Thread.ofVirtual().start(this::commitRounds);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("a writer failed", failed);
        }
        commits.commits += (long) writers * ROUNDS;
    }

    private void commitRounds() {
        try {
            for (int round = 0; round < ROUNDS; round++) {
                bench.wal().append(WalBench.RECORD_TYPE, payload, CommitMode.STRICT);
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }
}
