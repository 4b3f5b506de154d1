/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxCursor;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxTree;
import dev.pagebox.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
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
 * Short range scans through the public API: 50 entries from a random existing key of a store holding one million
 * records (8-byte keys, 100-byte values, {@link Dataset}), all of it resident (pool 4 times the raw data), against
 * a {@link ConcurrentSkipListMap} with unsigned byte order on the same records. Each scan reads one byte of every
 * key and value it visits. The forms measured:
 * <ul>
 *   <li>{@code rangeCopy}: {@code PageboxTree.range} with a {@code BiPredicate}, which gets a copy of every key and
 *       value;
 *   <li>{@code scanView}: {@code PageboxTree.scan} with a {@code ScanVisitor}, which gets read-only views of the
 *       scan's private copy of each leaf (no copy handed out, nothing allocated per entry);
 *   <li>{@code cursorView}: a {@code PageboxCursor} per scan, {@code seek} then {@code next}, reading
 *       {@code keyBuffer()}/{@code valueBuffer()} (views of the cursor's buffers: no copy handed out);
 *   <li>{@code skipListScan}: {@code tailMap(key, true)}'s entry iterator (no copy).
 * </ul>
 * The thread count comes from the subclasses ({@link BTreeScanOneThreadBenchmark},
 * {@link BTreeScanTwoThreadsBenchmark}), all threads on one shared store.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(
        value = 3,
        jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms2g", "-Xmx2g"})
public abstract class BTreeScanBenchmark {
    /** Entries a scan visits. */
    static final int SCAN_LENGTH = 50;

    private static final long MIB = 1 << 20;

    /** A store holding every record in a pool large enough for all of it. */
    @State(Scope.Benchmark)
    public static class Store {
        /** Records loaded. */
        @Param("1000000")
        public int records;

        Dataset data;
        Path directory;
        Pagebox store;
        PageboxTree tree;

        /** Loads the records. */
        @Setup(Level.Trial)
        public void load() throws IOException {
            data = new Dataset(records);
            directory = Files.createTempDirectory("pagebox-scan-bench");
            store = Pagebox.open(
                    directory,
                    PageboxOptions.builder()
                            .poolSize(Math.max(256 * MIB, 4 * data.rawBytes()))
                            .commitMode(CommitMode.NONE)
                            .build());
            tree = store.tree("bench");
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < records; i++) {
                batch.put(tree, data.key(i), data.value(i));
                if (batch.size() == 1000 || i == records - 1) {
                    store.write(batch);
                    batch = new WriteBatch();
                }
            }
            store.checkpoint();
        }

        /** Closes the store and deletes its files. */
        @TearDown(Level.Trial)
        public void close() {
            store.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

    /** One benchmark thread's random source and visitor state. */
    @State(Scope.Thread)
    public static class Worker {
        private static final AtomicLong SEEDS = new AtomicLong(11);

        private final SplittableRandom random = new SplittableRandom(SEEDS.getAndIncrement());
        int remaining;
        long sink;

        int next(int bound) {
            return random.nextInt(bound);
        }

        boolean copied(byte[] key, byte[] value) {
            sink += key[0] + value[0];
            return --remaining > 0;
        }

        boolean viewed(ByteBuffer key, ByteBuffer value) {
            sink += key.get(key.position()) + value.get(value.position());
            return --remaining > 0;
        }
    }

    /** 50 entries through {@code range}, copies of keys and values. */
    @Benchmark
    public long rangeCopy(Store state, Worker worker) {
        worker.remaining = SCAN_LENGTH;
        state.tree.range(state.data.key(worker.next(state.records)), null, worker::copied);
        return worker.sink;
    }

    /** 50 entries through the zero-copy scan's views. */
    @Benchmark
    public long scanView(Store state, Worker worker) {
        worker.remaining = SCAN_LENGTH;
        state.tree.scan(state.data.key(worker.next(state.records)), null, worker::viewed);
        return worker.sink;
    }

    /** 50 entries through a new cursor's views. */
    @Benchmark
    public long cursorView(Store state, Worker worker) {
        PageboxCursor cursor = state.tree.cursor();
        worker.remaining = SCAN_LENGTH;
        for (boolean on = cursor.seek(state.data.key(worker.next(state.records)));
                on && worker.viewed(cursor.keyBuffer(), cursor.valueBuffer());
                on = cursor.next()) {
            // viewed() counts down
        }
        return worker.sink;
    }

    /** 50 entries through the skip list's iterator. */
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
}
