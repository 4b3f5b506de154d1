/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.latch;

import dev.pagebox.internal.latch.HybridLatch;
import dev.pagebox.internal.latch.LatchParking;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The three latch modes of {@link HybridLatch} next to their {@link StampedLock} counterparts, on one latch
 * shared by all benchmark threads: optimistic read (stamp, read one protected word, validate), shared
 * lock/unlock and exclusive lock/unlock. With one thread every operation is uncontended; with two, optimistic
 * readers still write nothing, while shared and exclusive lockers fight over the latch's cache line.
 *
 * <p>The thread count comes from the subclasses ({@link LatchOneThreadBenchmark},
 * {@link LatchTwoThreadsBenchmark}), so one JMH run covers both. The latch word sits alone in a 64-byte
 * aligned segment with the protected word on the next cache line, as a frame's metadata would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class LatchBenchmark {
    private static final long LATCH = 0;
    private static final long DATA = 64;

    private Arena arena;
    private MemorySegment segment;
    private final LatchParking parking = new LatchParking();
    private final StampedLock stampedLock = new StampedLock();
    private long stampedData;

    /** Allocates the latch word, unlocked, and the protected word. */
    @Setup(Level.Trial)
    public void allocate() {
        arena = Arena.ofShared();
        segment = arena.allocate(128, 64);
        segment.set(ValueLayout.JAVA_LONG, LATCH, HybridLatch.UNLOCKED);
        segment.set(ValueLayout.JAVA_LONG, DATA, 42L);
        stampedData = 42L;
    }

    /** Frees the segment. */
    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }

    /**
     * Optimistic read of the hybrid latch: stamp, one data load, validate.
     *
     * @return the data read, or -1 if the read had to be retried (never, without writers)
     */
    @Benchmark
    public long hybridOptimisticRead() {
        long stamp = HybridLatch.tryOptimisticRead(segment, LATCH);
        long data = segment.get(ValueLayout.JAVA_LONG, DATA);
        return HybridLatch.validate(segment, LATCH, stamp) ? data : -1;
    }

    /**
     * Shared lock and unlock of the hybrid latch around one data load.
     *
     * @return the data read
     */
    @Benchmark
    public long hybridShared() {
        HybridLatch.lockShared(segment, LATCH, parking);
        long data = segment.get(ValueLayout.JAVA_LONG, DATA);
        HybridLatch.unlockShared(segment, LATCH, parking);
        return data;
    }

    /**
     * Exclusive lock and unlock of the hybrid latch around one data store.
     *
     * @return the value written
     */
    @Benchmark
    public long hybridExclusive() {
        HybridLatch.lockExclusive(segment, LATCH, parking);
        long data = segment.get(ValueLayout.JAVA_LONG, DATA) + 1;
        segment.set(ValueLayout.JAVA_LONG, DATA, data);
        HybridLatch.unlockExclusive(segment, LATCH, parking);
        return data;
    }

    /**
     * Optimistic read of the StampedLock: {@code tryOptimisticRead}, one data load, {@code validate}.
     *
     * @return the data read, or -1 if the read had to be retried (never, without writers)
     */
    @Benchmark
    public long stampedOptimisticRead() {
        long stamp = stampedLock.tryOptimisticRead();
        long data = stampedData;
        return stampedLock.validate(stamp) ? data : -1;
    }

    /**
     * {@code readLock} and {@code unlockRead} around one data load.
     *
     * @return the data read
     */
    @Benchmark
    public long stampedRead() {
        long stamp = stampedLock.readLock();
        long data = stampedData;
        stampedLock.unlockRead(stamp);
        return data;
    }

    /**
     * {@code writeLock} and {@code unlockWrite} around one data store.
     *
     * @return the value written
     */
    @Benchmark
    public long stampedWrite() {
        long stamp = stampedLock.writeLock();
        long data = stampedData + 1;
        stampedData = data;
        stampedLock.unlockWrite(stamp);
        return data;
    }
}
