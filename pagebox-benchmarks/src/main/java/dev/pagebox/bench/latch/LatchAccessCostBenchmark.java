/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.latch;

import dev.pagebox.internal.latch.HybridLatch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Where the time of an uncontended optimistic read goes (stamp, one data load, validate; one thread): the same
 * three loads with the latch word reached in different ways. {@code hybridShared} is
 * {@link LatchBenchmark#hybridOptimisticRead} (a segment of a shared arena in an instance field, as the frame
 * table's). {@code hybridConstant} holds the segment in a {@code static final} field, so the JIT folds its
 * bounds, alignment and liveness checks; {@code hybridGlobal} uses a global-arena segment (no closeable
 * session) in an instance field; {@code varHandleShared} skips {@code HybridLatch} and {@code Words} and
 * makes the same accesses through one VarHandle, to show what the wrappers cost; {@code longArray} does the
 * seqlock on a {@code long[]} (a bounds check per access, nothing else); {@code stamped} is
 * {@link StampedLock}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class LatchAccessCostBenchmark {
    private static final long LATCH = 0;
    private static final long DATA = 64;
    private static final long STAMP_MASK = 0x8000_FFFF_FFFF_FFFFL;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle ARRAY = MethodHandles.arrayElementVarHandle(long[].class);
    private static final MemorySegment CONSTANT = Arena.global().allocate(128, 64);

    private Arena arena;
    private MemorySegment shared;
    private final MemorySegment global = Arena.global().allocate(128, 64);
    private final long[] words = new long[16];
    private final StampedLock stampedLock = new StampedLock();
    private long stampedData = 42L;

    /** Allocates the shared segment; every latch starts unlocked with 42 as the protected word. */
    @Setup(Level.Trial)
    public void allocate() {
        arena = Arena.ofShared();
        shared = arena.allocate(128, 64);
        for (MemorySegment segment : new MemorySegment[] {shared, global, CONSTANT}) {
            segment.set(ValueLayout.JAVA_LONG, LATCH, HybridLatch.UNLOCKED);
            segment.set(ValueLayout.JAVA_LONG, DATA, 42L);
        }
        words[8] = 42L;
    }

    /** Frees the shared segment. */
    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }

    private static long hybrid(MemorySegment segment) {
        long stamp = HybridLatch.tryOptimisticRead(segment, LATCH);
        long data = segment.get(ValueLayout.JAVA_LONG, DATA);
        return HybridLatch.validate(segment, LATCH, stamp) ? data : -1;
    }

    /**
     * As {@link LatchBenchmark#hybridOptimisticRead}.
     *
     * @return the data, or -1
     */
    @Benchmark
    public long hybridShared() {
        return hybrid(shared);
    }

    /**
     * The segment is a constant.
     *
     * @return the data, or -1
     */
    @Benchmark
    public long hybridConstant() {
        return hybrid(CONSTANT);
    }

    /**
     * A global-arena segment in an instance field.
     *
     * @return the data, or -1
     */
    @Benchmark
    public long hybridGlobal() {
        return hybrid(global);
    }

    /**
     * The same accesses on the shared segment through one VarHandle, no wrappers.
     *
     * @return the data, or -1
     */
    @Benchmark
    public long varHandleShared() {
        MemorySegment segment = shared;
        long word = (long) LONG.getAcquire(segment, LATCH);
        long stamp = word < 0 ? -1 : word;
        long data = (long) LONG.get(segment, DATA);
        VarHandle.acquireFence();
        return ((long) LONG.getAcquire(segment, LATCH) & STAMP_MASK) == stamp ? data : -1;
    }

    /**
     * The seqlock on a {@code long[]}.
     *
     * @return the data, or -1
     */
    @Benchmark
    public long longArray() {
        long[] array = words;
        long word = (long) ARRAY.getAcquire(array, 0);
        long stamp = word < 0 ? -1 : word;
        long data = array[8];
        VarHandle.acquireFence();
        return ((long) ARRAY.getAcquire(array, 0) & STAMP_MASK) == stamp ? data : -1;
    }

    /**
     * {@link StampedLock#tryOptimisticRead}, one load, {@link StampedLock#validate}.
     *
     * @return the data, or -1
     */
    @Benchmark
    public long stamped() {
        long stamp = stampedLock.tryOptimisticRead();
        long data = stampedData;
        return stampedLock.validate(stamp) ? data : -1;
    }
}
