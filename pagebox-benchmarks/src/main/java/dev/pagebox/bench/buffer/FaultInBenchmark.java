/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.buffer;

import dev.pagebox.bench.io.BenchFiles;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.TwoLevelDirectory;
import dev.pagebox.internal.mem.PoolMemory;
import dev.pagebox.internal.nativeio.NativeIo;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * Page faults of a 64 MiB pool over a file four times larger, against raw positional reads of the same file.
 * Both walk every leaf once per cycle in one shuffled order, so a leaf comes back only after the pool has
 * turned over several times:
 *
 * <ul>
 *   <li>{@code poolRead}: an optimistic read of the leaf through its pinned root ({@link TwoLevelDirectory#readCounterUnchecked}):
 *       a fault when the leaf is evicted (read, checksum and identity check, a frame taken from the free list or
 *       evicted, swip installed), a hit otherwise;
 *   <li>{@code rawRead}: {@code FileChannel.read} of the leaf's page into one direct buffer;
 *   <li>{@code rawReadSpread}: the same read into a page-sized slot chosen at random in a pool-sized (64 MiB)
 *       region, as a fault reads into whichever frame is free: the copy then goes to memory that is cold in the
 *       CPU caches and TLB, a cost every buffer pool pays and {@code rawRead} does not;
 *   <li>{@code rawReadReserved}: as {@code rawReadSpread}, but the region is a {@link PoolMemory#reserve}
 *       reservation ({@code mmap(MAP_NORESERVE)}), the kind of memory the pool's frames live in.
 * </ul>
 *
 * The secondary result {@code faults} is page reads per second (every raw operation, the pool's faults only).
 * With {@code cache = warm} the whole file is in the OS page cache (it was just written), so this measures the
 * CPU cost of a fault; with {@code cold} the page cache is dropped before every iteration (root only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class FaultInBenchmark {
    private static final long POOL_BYTES = 64L << 20;
    private static final int FILE_TO_POOL = 4;

    @Param({"4096", "16384"})
    public int pageSize;

    @Param({"warm", "cold"})
    public String cache;

    private PoolBench bench;
    private BufferPool pool;
    private TwoLevelDirectory leaves;
    private FileChannel raw;
    private ByteBuffer rawPage;
    private Arena arena;
    private ByteBuffer[] slots;
    private PoolMemory reservation;
    private ByteBuffer[] reservedSlots;
    private int[] order;
    private int cursor;

    /** Builds the store (file = 4 x pool) and opens pool and raw channel. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        int leafCount = (int) (FILE_TO_POOL * POOL_BYTES / pageSize);
        bench = PoolBench.open(pageSize, POOL_BYTES, leafCount);
        pool = bench.pool();
        leaves = bench.leaves();
        raw = bench.openRawChannel();
        rawPage = ByteBuffer.allocateDirect(2 * pageSize).alignedSlice(pageSize);
        order = PoolBench.shuffledLeaves(leafCount);
        arena = Arena.ofShared();
        MemorySegment region = arena.allocate(POOL_BYTES, pageSize);
        slots = new ByteBuffer[(int) (POOL_BYTES / pageSize)];
        for (int slot = 0; slot < slots.length; slot++) {
            slots[slot] = region.asSlice((long) slot * pageSize, pageSize).asByteBuffer();
        }
        reservation = new PoolMemory(NativeIo.system());
        MemorySegment reserved = reservation.reserve(POOL_BYTES);
        reservedSlots = new ByteBuffer[slots.length];
        for (int slot = 0; slot < slots.length; slot++) {
            reservedSlots[slot] =
                    reserved.asSlice((long) slot * pageSize, pageSize).asByteBuffer();
        }
    }

    /** Drops the OS page cache in the cold case. */
    @Setup(Level.Iteration)
    public void dropCache() {
        if (cache.equals("cold")) {
            bench.sync();
            BenchFiles.dropPageCache();
        }
    }

    /** Prints the pool's counters, closes and deletes. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        System.out.println("\n" + pool.stats());
        raw.close();
        arena.close();
        reservation.close();
        bench.close();
    }

    private int nextLeaf() {
        int leaf = order[cursor];
        cursor = cursor + 1 == order.length ? 0 : cursor + 1;
        return leaf;
    }

    /**
     * The next leaf through the pool.
     *
     * @param faults counts faults
     * @return the leaf's counter
     */
    @Benchmark
    public long poolRead(Faults faults) {
        int leaf = nextLeaf();
        if (leaves.isEvicted(leaf)) {
            faults.faults++;
        }
        return leaves.readCounterUnchecked(leaf);
    }

    /**
     * The next leaf's page read from the file.
     *
     * @param faults counts reads
     * @return a word of the page
     * @throws IOException if the read fails
     */
    @Benchmark
    public long rawRead(Faults faults) throws IOException {
        int leaf = nextLeaf();
        rawPage.clear();
        BenchFiles.readFully(raw, rawPage, bench.fileOffset(leaf));
        faults.faults++;
        return rawPage.getLong(TwoLevelDirectory.COUNTER);
    }

    /**
     * The next leaf's page read from the file into a random page slot of a pool-sized region.
     *
     * @param faults counts reads
     * @return a word of the page
     * @throws IOException if the read fails
     */
    @Benchmark
    public long rawReadSpread(Faults faults) throws IOException {
        return readIntoSlot(slots, faults);
    }

    /**
     * The next leaf's page read from the file into a random page slot of a pool-sized reservation.
     *
     * @param faults counts reads
     * @return a word of the page
     * @throws IOException if the read fails
     */
    @Benchmark
    public long rawReadReserved(Faults faults) throws IOException {
        return readIntoSlot(reservedSlots, faults);
    }

    private long readIntoSlot(ByteBuffer[] targets, Faults faults) throws IOException {
        int leaf = nextLeaf();
        ByteBuffer slot = targets[Math.floorMod(leaf * 0x9E3779B9, targets.length)];
        slot.clear();
        BenchFiles.readFully(raw, slot, bench.fileOffset(leaf));
        faults.faults++;
        return slot.getLong(TwoLevelDirectory.COUNTER);
    }
}
