/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.buffer;

import dev.pagebox.bench.io.BenchFiles;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.TwoLevelDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Modifying pages of a working set four times the pool (64 MiB pool, 16 KiB pages, 256 MiB of leaves), every
 * leaf once per cycle in a shuffled order. After the first cycle every resident leaf is dirty, so each fault
 * must evict a dirty page, writing it back first (the background page provider writes ahead where it can):
 *
 * <ul>
 *   <li>{@code poolModify}: increments the leaf's counter under its exclusive latch
 *       ({@link TwoLevelDirectory#incrementUnchecked}) and marks it dirty;
 *   <li>{@code rawReadWrite}: the I/O that costs at least: a positional read of the leaf's page and a positional
 *       write of another leaf's page, both through the OS page cache.
 * </ul>
 *
 * The secondary result {@code faults} counts page reads as in {@link FaultInBenchmark}. Writes go to the OS
 * page cache; no log is attached ({@code LogFlusher.NONE}), so no write-back waits for a log sync. At the end of
 * the trial every counter is read back through the pool and compared with the number of increments, so a
 * lost or misdirected write-back fails the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class EvictionBenchmark {
    private static final long POOL_BYTES = 64L << 20;
    private static final int PAGE_SIZE = 16384;
    private static final int LEAVES = (int) (4 * POOL_BYTES / PAGE_SIZE);

    private PoolBench bench;
    private BufferPool pool;
    private TwoLevelDirectory leaves;
    private FileChannel raw;
    private ByteBuffer rawPage;
    private int[] order;
    private long[] increments;
    private int cursor;
    private boolean modified;

    /** Builds the store and opens pool and raw channel. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        bench = PoolBench.open(PAGE_SIZE, POOL_BYTES, LEAVES);
        pool = bench.pool();
        leaves = bench.leaves();
        raw = bench.openRawChannel();
        rawPage = ByteBuffer.allocateDirect(2 * PAGE_SIZE).alignedSlice(PAGE_SIZE);
        order = PoolBench.shuffledLeaves(LEAVES);
        increments = new long[LEAVES];
    }

    /**
     * Checks every counter (after {@code poolModify}; {@code rawReadWrite} scribbles over pages), prints the
     * pool's counters, closes and deletes.
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        try {
            System.out.println("\n" + pool.stats());
            for (int leaf = 0; modified && leaf < LEAVES; leaf++) {
                long counter = leaves.readCounterUnchecked(leaf);
                if (counter != increments[leaf]) {
                    throw new IllegalStateException(
                            "leaf " + leaf + " has counter " + counter + " after " + increments[leaf] + " increments");
                }
            }
        } finally {
            raw.close();
            bench.close();
        }
    }

    private int nextLeaf() {
        int leaf = order[cursor];
        cursor = cursor + 1 == order.length ? 0 : cursor + 1;
        return leaf;
    }

    /**
     * Increments the next leaf's counter through the pool.
     *
     * @param faults counts faults
     * @return the new counter
     */
    @Benchmark
    public long poolModify(Faults faults) {
        int leaf = nextLeaf();
        if (leaves.isEvicted(leaf)) {
            faults.faults++;
        }
        increments[leaf]++;
        modified = true;
        return leaves.incrementUnchecked(leaf);
    }

    /**
     * Reads the next leaf's page and writes it over the page of the leaf half a cycle away.
     *
     * @param faults counts reads
     * @return a word of the page
     * @throws IOException if the I/O fails
     */
    @Benchmark
    public long rawReadWrite(Faults faults) throws IOException {
        int leaf = nextLeaf();
        rawPage.clear();
        BenchFiles.readFully(raw, rawPage, bench.fileOffset(leaf));
        rawPage.flip();
        BenchFiles.writeFully(raw, rawPage, bench.fileOffset(order[(cursor + LEAVES / 2) % LEAVES]));
        faults.faults++;
        return rawPage.getLong(TwoLevelDirectory.COUNTER);
    }
}
