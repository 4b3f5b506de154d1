/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writers on interleaved key ranges (so that they split and merge the same leaves and parents) while readers
 * scan and look up, on a pool small enough that eviction runs all the time. Every writer owns the keys
 * {@code k} with {@code k % writers == id}, so its own view is the truth for them: afterwards a full scan equals
 * the union of the writers' views, in order and without duplicates, and every scan a reader made was sorted.
 */
class BTreeConcurrencyTest {
    private static final int PAGE_SIZE = 4096;

    @Test
    void interleavedWritersAndScanningReadersKeepTheTreeConsistent() throws Exception {
        run(4, 2, 6_000, 48);
    }

    @Test
    @Tag("stress")
    void manyVirtualThreadsOnATinyPool() throws Exception {
        run(16, 4, 40_000, 32);
    }

    private static void run(int writers, int readers, int opsPerWriter, int frames) throws Exception {
        // Writers on virtual threads, readers on platform threads: a reader scans without ever blocking, and
        // virtual threads are not preempted, so readers on virtual threads could keep every carrier busy.
        try (TreeFixture fixture = new TreeFixture(frames, PAGE_SIZE, true);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                ExecutorService platform = Executors.newFixedThreadPool(readers)) {
            BTree tree = fixture.tree;
            List<Map<Long, byte[]>> truths = new ArrayList<>();
            List<Future<?>> work = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong scans = new AtomicLong();
            for (int id = 0; id < writers; id++) {
                Map<Long, byte[]> truth = new ConcurrentHashMap<>();
                truths.add(truth);
                int writer = id;
                work.add(threads.submit(() -> {
                    start.await();
                    write(tree, writer, writers, opsPerWriter, truth);
                    return null;
                }));
            }
            List<Future<?>> reading = new ArrayList<>();
            for (int id = 0; id < readers; id++) {
                int reader = id;
                reading.add(platform.submit(() -> {
                    start.await();
                    SplittableRandom random = new SplittableRandom(100 + reader);
                    while (writing.get()) {
                        checkSortedScan(tree, random);
                        scans.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : work) {
                future.get();
            }
            writing.set(false);
            for (Future<?> future : reading) {
                future.get();
            }

            TreeMap<Long, byte[]> union = new TreeMap<>(Long::compareUnsigned);
            truths.forEach(union::putAll);
            List<String> expected = new ArrayList<>();
            union.forEach((k, v) -> expected.add(BTreeDifferentialTest.describe(key(k), v)));
            assertThat(BTreeDifferentialTest.collect(visitor -> tree.scan(null, true, null, true, false, visitor)))
                    .containsExactlyElementsOf(expected);
            for (Map.Entry<Long, byte[]> entry : union.entrySet()) {
                assertThat(tree.get(key(entry.getKey()))).isEqualTo(entry.getValue());
            }
            assertThat(tree.stats("t").entries()).isEqualTo(union.size());
            assertThat(scans.get()).isPositive();
            assertThat(fixture.pool.stats().evictions()).isPositive();
        }
    }

    private static void write(BTree tree, int writer, int writers, int operations, Map<Long, byte[]> truth) {
        SplittableRandom random = new SplittableRandom(writer);
        for (int i = 0; i < operations; i++) {
            long k = random.nextLong(4_000) * writers + writer;
            int op = random.nextInt(10);
            if (op < 6) {
                byte[] value = value(random, k);
                boolean replaced = tree.put(key(k), value, CommitMode.NONE);
                assertThat(replaced).isEqualTo(truth.put(k, value) != null);
            } else if (op < 7) {
                byte[] value = value(random, k);
                if (tree.insert(key(k), value, CommitMode.NONE)) {
                    assertThat(truth.putIfAbsent(k, value)).isNull();
                } else {
                    assertThat(truth).containsKey(k);
                }
            } else if (op < 9) {
                assertThat(tree.delete(key(k), CommitMode.NONE)).isEqualTo(truth.remove(k) != null);
            } else {
                assertThat(tree.get(key(k))).isEqualTo(truth.get(k));
            }
        }
    }

    private static void checkSortedScan(BTree tree, SplittableRandom random) {
        long from = random.nextLong(16_000);
        boolean reverse = random.nextBoolean();
        List<byte[]> seen = new ArrayList<>();
        tree.scan(reverse ? null : key(from), true, reverse ? key(from) : null, true, reverse, (key, value) -> {
            byte[] k = key.toArray(ValueLayout.JAVA_BYTE);
            byte[] v = value.toArray(ValueLayout.JAVA_BYTE);
            // Each value names its key, so a torn or misplaced entry shows.
            assertThat(ByteBuffer.wrap(v).getLong())
                    .isEqualTo(ByteBuffer.wrap(k).getLong());
            seen.add(k);
            return seen.size() < 200;
        });
        for (int i = 1; i < seen.size(); i++) {
            int order = Arrays.compareUnsigned(seen.get(i - 1), seen.get(i));
            assertThat(reverse ? order > 0 : order < 0).as("scan order").isTrue();
        }
    }

    static byte[] key(long k) {
        return ByteBuffer.allocate(8).putLong(k).array();
    }

    private static byte[] value(SplittableRandom random, long k) {
        int length = random.nextInt(20) == 0 ? 2_000 + random.nextInt(6_000) : 8 + random.nextInt(120);
        byte[] value = new byte[length];
        random.nextBytes(value);
        ByteBuffer.wrap(value).putLong(k);
        return value;
    }
}
