/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxStats;
import dev.pagebox.PageboxTreeStats;
import dev.pagebox.internal.btree.EntryVisitor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The B+tree's point reads, overwrites and 50-entry range scans against a {@link ConcurrentSkipListMap} with
 * unsigned byte order, on the same records (default one million 8-byte random keys, 100-byte values), all threads
 * on one shared structure, keys drawn uniformly:
 * <ul>
 *   <li><em>resident</em>: the pool holds the whole tree (budget 4 times the raw data);
 *   <li><em>pressure</em>: the tree reopened through a pool a quarter of its page bytes, cold; each iteration
 *       prints the pool's faults (misses), re-heats and evictions per operation.
 * </ul>
 * Puts overwrite existing keys with a fresh 100-byte value: the tree logs each to a real write-ahead log with
 * {@code CommitMode.NONE}; the skip list stores copies of key and value (as the YCSB harness's skip-list engine
 * does, since a store must not keep the caller's arrays). Gets return the tree's copy of the value and the skip
 * list's stored array (no copy). Between iterations, untimed, the tree is checkpointed so the log stays small.
 *
 * <p>The thread count comes from the subclasses ({@link BTreeOneThreadBenchmark},
 * {@link BTreeTwoThreadsBenchmark}), so one JMH run covers both.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 3,
        jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms3g", "-Xmx3g"})
public abstract class BTreeBenchmark {
    /** Entries a scan visits. */
    static final int SCAN_LENGTH = 50;

    private static final long MIB = 1 << 20;

    /** A tree holding every record in a pool large enough for all of it. */
    @State(Scope.Benchmark)
    public static class Resident {
        /** Records loaded. */
        @Param("1000000")
        public int records;

        /** The store's page size. */
        @Param("16384")
        public int pageSize;

        /** "wal": a real write-ahead log; "none": a log that only hands out LSNs. */
        @Param("wal")
        public String log;

        Dataset data;
        TreeUnderTest tree;

        /** Loads the records and writes the tree out. */
        @Setup(Level.Trial)
        public void load() {
            data = new Dataset(records);
            tree = TreeUnderTest.create(pageSize, Math.max(256 * MIB, 4 * data.rawBytes()), log);
            tree.load(data);
            tree.checkpoint();
            describe("resident", tree.treeStats(), tree.poolStats());
        }

        /** Untimed: a checkpoint, so the log of a put benchmark does not grow without bound. */
        @TearDown(Level.Iteration)
        public void checkpoint() {
            tree.checkpoint();
        }

        /** Closes the tree and deletes its files. */
        @TearDown(Level.Trial)
        public void close() {
            tree.close();
        }
    }

    /** The tree reopened through a cold pool of a quarter of its page bytes. */
    @State(Scope.Benchmark)
    public static class Pressure {
        /** Records loaded. */
        @Param("1000000")
        public int records;

        /** The store's page size. */
        @Param("16384")
        public int pageSize;

        Dataset data;
        TreeUnderTest tree;
        final LongAdder operations = new LongAdder();
        private PageboxStats.Pool before;

        /** Loads the records through a large pool, then reopens the tree with a quarter of its size. */
        @Setup(Level.Trial)
        public void load() {
            data = new Dataset(records);
            tree = TreeUnderTest.create(pageSize, Math.max(256 * MIB, 4 * data.rawBytes()), "wal");
            tree.load(data);
            PageboxTreeStats stats = tree.treeStats();
            long nodeBytes = (stats.innerPages() + stats.leafPages()) * (long) pageSize;
            tree.reopen(nodeBytes / 4);
            describe("pressure", stats, tree.poolStats());
        }

        /** Notes the pool's counters. */
        @Setup(Level.Iteration)
        public void start() {
            operations.reset();
            before = tree.poolStats();
        }

        /** Prints the pool's work per operation during the iteration. */
        @TearDown(Level.Iteration)
        public void report() {
            PageboxStats.Pool after = tree.poolStats();
            double ops = Math.max(1, operations.sum());
            System.out.printf(
                    "%n[pressure] ops %d, per op: faults %.3f, reheats %.3f, evictions %.3f, write-backs %.4f%n",
                    operations.sum(),
                    (after.misses() - before.misses()) / ops,
                    (after.reheats() - before.reheats()) / ops,
                    (after.evictions() - before.evictions()) / ops,
                    (after.writeBacks() - before.writeBacks()) / ops);
        }

        /** Closes the tree and deletes its files. */
        @TearDown(Level.Trial)
        public void close() {
            tree.close();
        }
    }

    /** The same records in a skip list on the heap. */
    @State(Scope.Benchmark)
    public static class SkipList {
        /** Records loaded. */
        @Param("1000000")
        public int records;

        Dataset data;
        final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

        /** Loads the records. */
        @Setup(Level.Trial)
        public void load() {
            data = new Dataset(records);
            for (int i = 0; i < records; i++) {
                map.put(data.key(i).clone(), data.value(i));
            }
        }
    }

    /** One benchmark thread's random source, value buffer and scan visitor. */
    @State(Scope.Thread)
    public static class Worker implements EntryVisitor {
        private static final AtomicLong SEEDS = new AtomicLong(7);

        private final SplittableRandom random = new SplittableRandom(SEEDS.getAndIncrement());
        final byte[] value = new byte[Dataset.VALUE_SIZE];
        private int remaining;
        private long sink;

        /** Fills the value buffer. */
        @Setup(Level.Trial)
        public void fill() {
            random.nextBytes(value);
        }

        int next(int bound) {
            return random.nextInt(bound);
        }

        /** A value that differs from the previous one. */
        byte[] nextValue() {
            value[(int) (sink++ & 63)]++;
            return value;
        }

        long scan(dev.pagebox.internal.btree.BTree tree, byte[] from) {
            remaining = SCAN_LENGTH;
            tree.scan(from, true, null, true, false, this);
            return sink;
        }

        @Override
        public boolean visit(MemorySegment key, MemorySegment value) {
            sink += key.get(ValueLayout.JAVA_BYTE, 0) + value.get(ValueLayout.JAVA_BYTE, 0);
            return --remaining > 0;
        }
    }

    // ---------------------------------------------------------------- resident

    /** Looks up a random existing key. */
    @Benchmark
    public byte[] treeGet(Resident state, Worker worker) {
        return state.tree.tree().get(state.data.key(worker.next(state.records)));
    }

    /** Looks up a random existing key. */
    @Benchmark
    public byte[] skipListGet(SkipList state, Worker worker) {
        return state.map.get(state.data.key(worker.next(state.records)));
    }

    /** Overwrites a random existing key. */
    @Benchmark
    public boolean treePut(Resident state, Worker worker) {
        return state.tree.tree().put(state.data.key(worker.next(state.records)), worker.nextValue(), CommitMode.NONE);
    }

    /** Overwrites a random existing key with copies of key and value. */
    @Benchmark
    public byte[] skipListPut(SkipList state, Worker worker) {
        return state.map.put(
                state.data.key(worker.next(state.records)).clone(),
                worker.nextValue().clone());
    }

    /** Visits 50 entries from a random existing key. */
    @Benchmark
    public long treeScan(Resident state, Worker worker) {
        return worker.scan(state.tree.tree(), state.data.key(worker.next(state.records)));
    }

    /** Visits 50 entries from a random existing key. */
    @Benchmark
    public long skipListScan(SkipList state, Worker worker) {
        Iterator<Map.Entry<byte[], byte[]>> entries = state.map
                .tailMap(state.data.key(worker.next(state.records)), true)
                .entrySet()
                .iterator();
        long sink = 0;
        for (int i = 0; i < SCAN_LENGTH && entries.hasNext(); i++) {
            Map.Entry<byte[], byte[]> entry = entries.next();
            sink += entry.getKey()[0] + entry.getValue()[0];
        }
        return sink;
    }

    // ---------------------------------------------------------------- pressure

    /** Looks up a random existing key through the small pool. */
    @Benchmark
    public byte[] pressureTreeGet(Pressure state, Worker worker) {
        state.operations.increment();
        return state.tree.tree().get(state.data.key(worker.next(state.records)));
    }

    private static void describe(String name, PageboxTreeStats stats, PageboxStats.Pool pool) {
        System.out.printf(
                "%n[%s] tree: height %d, %d inner + %d leaf pages (%.1f MiB), fill %.2f, %d entries; "
                        + "pool: %d frames (%.1f MiB)%n",
                name,
                stats.height(),
                stats.innerPages(),
                stats.leafPages(),
                (stats.innerPages() + stats.leafPages()) * (double) pool.pageSize() / MIB,
                stats.fillFactor(),
                stats.entries(),
                pool.frames(),
                (double) pool.frames() * pool.pageSize() / MIB);
    }
}
