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
import org.openjdk.jmh.annotations.Threads;

/**
 * RELAXED append bandwidth of one writer: an operation appends 1 MiB of payload in records of
 * {@code payloadSize} bytes, so the score in operations per second is MiB of payload per second (the log
 * writes {@code align8(24 + payloadSize)} bytes per record, 1.19 times the payload at 128 bytes). The flusher
 * writes as the ring fills and syncs every 5 ms (the default flush interval); a full ring makes the writer
 * wait, so the rate is bounded by what the log gets to disk. With {@code checkpoint} the log is truncated to
 * two segments after each operation (files are recycled, as in a steady state with checkpoints); without it
 * every segment is a new, zero-filled file. Compare with {@link SequentialWriteBenchmark}, run in the same JMH
 * invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class WalRelaxedBenchmark {
    private static final int MIB = 1 << 20;

    @Param({"128", "4096"})
    public int payloadSize;

    @Param({"true", "false"})
    public boolean checkpoint;

    private WalBench bench;
    private MemorySegment payload;

    /** Opens an FDATASYNC log. */
    @Setup(Level.Trial)
    public void open() {
        bench = WalBench.open(SyncBackend.FDATASYNC);
        payload = WalBench.payload(payloadSize);
    }

    /** Closes (which syncs the rest) and deletes the log. */
    @TearDown(Level.Trial)
    public void close() {
        bench.close();
    }

    /**
     * Appends 1 MiB of payload, RELAXED.
     *
     * @return the last record's LSN
     */
    @Benchmark
    public long appendMebibyte() {
        long lsn = 0;
        for (int bytes = 0; bytes < MIB; bytes += payloadSize) {
            lsn = bench.wal().append(WalBench.RECORD_TYPE, payload, CommitMode.RELAXED);
        }
        if (checkpoint) {
            bench.checkpointIfLong();
        }
        return lsn;
    }
}
