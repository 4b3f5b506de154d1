/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.buffer;

import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.TwoLevelDirectory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
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
 * Fix and unfix of one hot page, as a B+tree descent step does it: from a parent held optimistically (a pinned
 * root), resolve the hot swip to the child's frame, then
 *
 * <ul>
 *   <li>{@code optimisticRead}: stamp the child, validate the parent (lock coupling), read one word of the
 *       child, validate the child;
 *   <li>{@code exclusiveWrite}: latch the child exclusively, validate the parent, increment one word, mark the
 *       frame dirty, unlatch.
 * </ul>
 *
 * All benchmark threads use the same parent and child (the top of a tree is shared by everyone); the thread
 * count comes from {@link FixOneThreadBenchmark} and {@link FixTwoThreadsBenchmark}. A return of -1 is a
 * restart; nothing here changes the parent, so there are none.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class FixBenchmark {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final int LEAVES = 64;
    private static final int HOT_LEAF = 17;

    private PoolBench bench;
    private BufferPool pool;
    private int parent;
    private long swipOffset;

    /** Builds a small store in a 16 MiB pool and makes the hot leaf resident. */
    @Setup(Level.Trial)
    public void open() {
        bench = PoolBench.open(16384, 16L << 20, LEAVES);
        pool = bench.pool();
        TwoLevelDirectory leaves = bench.leaves();
        parent = leaves.rootFrameOf(HOT_LEAF);
        swipOffset = leaves.swipOffsetOf(HOT_LEAF);
        leaves.readCounterUnchecked(HOT_LEAF);
    }

    /** Closes the pool and deletes the store. */
    @TearDown(Level.Trial)
    public void close() {
        bench.close();
    }

    /**
     * Hot swip, optimistic read of the child.
     *
     * @return the word read, or -1 if a validation failed
     */
    @Benchmark
    public long optimisticRead() {
        long parentStamp = pool.frames().optimistic(parent);
        int child = pool.resolve(parent, parentStamp, swipOffset);
        if (child == BufferPool.RESTART) {
            return -1;
        }
        long childStamp = pool.frames().optimistic(child);
        if (!pool.frames().validate(parent, parentStamp)) {
            return -1;
        }
        long value = pool.frames().page(child).get(LONG, TwoLevelDirectory.COUNTER);
        return pool.frames().validate(child, childStamp) ? value : -1;
    }

    /**
     * Hot swip, exclusive latch of the child, one word changed.
     *
     * @return the new value, or -1 if the parent did not validate
     */
    @Benchmark
    public long exclusiveWrite() {
        long parentStamp = pool.frames().optimistic(parent);
        int child = pool.resolve(parent, parentStamp, swipOffset);
        if (child == BufferPool.RESTART) {
            return -1;
        }
        pool.frames().lockExclusive(child);
        try {
            if (!pool.frames().validate(parent, parentStamp)) {
                return -1;
            }
            MemorySegment page = pool.frames().page(child);
            long value = page.get(LONG, TwoLevelDirectory.COUNTER) + 1;
            page.set(LONG, TwoLevelDirectory.COUNTER, value);
            pool.frames().markDirty(child);
            return value;
        } finally {
            pool.frames().unlockExclusive(child);
        }
    }
}
