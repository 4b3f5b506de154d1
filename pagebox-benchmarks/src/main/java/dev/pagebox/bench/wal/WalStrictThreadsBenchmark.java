/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.wal;

import dev.pagebox.CommitMode;
import dev.pagebox.SyncBackend;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
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

/**
 * One STRICT commit of a 128-byte record per operation, from JMH's own (platform) threads; the thread count
 * comes from the subclasses. Cross-checks the fan-out method of {@link WalStrictBenchmark} at 1 and 2 writers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class WalStrictThreadsBenchmark {
    @Param({"FDATASYNC", "DSYNC", "DIRECT"})
    public SyncBackend backend;

    private WalBench bench;
    private final MemorySegment payload = WalBench.payload(RawSyncBenchmark.RECORD);

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
     * Appends one record and waits until it is durable.
     *
     * @return its LSN
     */
    @Benchmark
    public long commit() {
        return bench.wal().append(WalBench.RECORD_TYPE, payload, CommitMode.STRICT);
    }
}
