/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Batch scans ({@link TreeScan}) while writers change the tree under a pool small enough that leaves are evicted
 * all the time. The keys are numbered: even keys are <em>stable</em> (present from the start, never deleted, their
 * values rewritten with rising versions by the one writer that owns each), odd keys come and go (splits, merges,
 * compactions, entries moving in their pages). Every value names its key and version and carries a filler derived
 * from both, in one of several lengths (some in overflow pages). Each scan must then:
 * <ul>
 *   <li>visit keys in strict order (no duplicate, no step back, across batches, leaves and re-seeks);
 *   <li>show intact entries: the value names the key it came with, and its filler matches (no torn copy);
 *   <li>miss no stable key of its range (a key present during the whole scan is always seen);
 *   <li>never show a stable key older than the version acknowledged before the scan began, nor newer than one a
 *       writer had started by the time the scan ended.
 * </ul>
 */
class TreeScanConcurrencyTest {
    private static final int PAGE_SIZE = 4096;
    private static final byte[] PREFIX = {'s', 'c', 'a', 'n', '/'};

    @Test
    void scansSeeEveryStableKeyIntactAndInOrderWhileWritersChangeTheTree() throws Exception {
        run(2, 2, 1200, 12_000, 40);
    }

    @Test
    @Tag("stress")
    void manyWritersAndScannersOnATinyPool() throws Exception {
        run(8, 4, 3000, 200_000, 32);
    }

    private static void run(int writers, int readers, int stableKeys, int opsPerWriter, int frames) throws Exception {
        try (TreeFixture fixture = new TreeFixture(frames, PAGE_SIZE, true);
                ExecutorService threads = Executors.newFixedThreadPool(writers + readers)) {
            BTree tree = fixture.tree;
            AtomicLongArray acknowledged = new AtomicLongArray(stableKeys);
            AtomicLongArray started = new AtomicLongArray(stableKeys);
            for (int i = 0; i < stableKeys; i++) {
                tree.put(key(2L * i), value(2L * i, 0), CommitMode.NONE);
            }
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong scans = new AtomicLong();
            AtomicLong visited = new AtomicLong();
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(threads.submit(() -> {
                    start.await();
                    SplittableRandom random = new SplittableRandom(writer);
                    for (int op = 0; op < opsPerWriter; op++) {
                        if (random.nextInt(3) == 0) {
                            int stable = random.nextInt(stableKeys / writers) * writers + writer;
                            long version = started.incrementAndGet(stable);
                            tree.put(key(2L * stable), value(2L * stable, version), CommitMode.NONE);
                            acknowledged.set(stable, version);
                        } else {
                            long odd = 2L * random.nextInt(stableKeys) + 1;
                            if (random.nextBoolean()) {
                                tree.put(key(odd), value(odd, random.nextInt(1000)), CommitMode.NONE);
                            } else {
                                tree.delete(key(odd), CommitMode.NONE);
                            }
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> reading = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                int reader = r;
                reading.add(threads.submit(() -> {
                    start.await();
                    SplittableRandom random = new SplittableRandom(100 + reader);
                    TreeScan scan = tree.cursor().newScan();
                    while (writing.get()) {
                        visited.addAndGet(checkedScan(scan, random, stableKeys, acknowledged, started));
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
            assertThat(scans.get()).isPositive();
            assertThat(visited.get()).isPositive();
            assertThat(fixture.pool.stats().evictions()).isPositive();
        }
    }

    /** One scan over a random range in a random direction, checked; returns the entries it visited. */
    private static int checkedScan(
            TreeScan scan,
            SplittableRandom random,
            int stableKeys,
            AtomicLongArray acknowledged,
            AtomicLongArray started) {
        long a = random.nextInt(2 * stableKeys);
        long b = Math.min(2L * stableKeys, a + 1 + random.nextInt(400));
        boolean reverse = random.nextBoolean();
        boolean wholeTree = random.nextInt(20) == 0;
        long low = wholeTree ? 0 : a;
        long high = wholeTree ? 2L * stableKeys : b;
        long[] floor = new long[stableKeys];
        for (long k = low + (low & 1); k < high; k += 2) {
            floor[(int) (k / 2)] = acknowledged.get((int) (k / 2));
        }
        BitSet seen = new BitSet();
        long[] previous = {reverse ? Long.MAX_VALUE : -1};
        int[] count = {0};
        scan.scan(wholeTree ? null : key(low), true, wholeTree ? null : key(high), false, reverse, (key, value) -> {
            long k = idOf(key);
            assertThat(reverse ? k < previous[0] : k > previous[0])
                    .as("order at %d after %d", k, previous[0])
                    .isTrue();
            previous[0] = k;
            assertThat(k).isBetween(low, high - 1);
            long version = checkValue(k, value);
            if ((k & 1) == 0) {
                int stable = (int) (k / 2);
                assertThat(version).as("version of key %d", k).isGreaterThanOrEqualTo(floor[stable]);
                assertThat(version).as("version of key %d", k).isLessThanOrEqualTo(started.get(stable));
                seen.set(stable);
            }
            count[0]++;
            return true;
        });
        for (long k = low + (low & 1); k < high; k += 2) {
            assertThat(seen.get((int) (k / 2)))
                    .as("stable key %d seen by a scan of [%d, %d)", k, low, high)
                    .isTrue();
        }
        return count[0];
    }

    static byte[] key(long id) {
        return ByteBuffer.allocate(PREFIX.length + 8).put(PREFIX).putLong(id).array();
    }

    private static long idOf(ByteBuffer key) {
        assertThat(key.remaining()).isEqualTo(PREFIX.length + 8);
        byte[] prefix = new byte[PREFIX.length];
        key.get(key.position(), prefix);
        assertThat(prefix).isEqualTo(PREFIX);
        return key.getLong(key.position() + PREFIX.length);
    }

    /** The value of a key at a version: key id, version, then a filler of a length and bytes set by both. */
    static byte[] value(long id, long version) {
        int kind = (int) ((id * 31 + version) % 50);
        int filler = kind == 0 ? 2 * PAGE_SIZE : kind * 7;
        ByteBuffer value = ByteBuffer.allocate(16 + filler).putLong(id).putLong(version);
        for (int i = 0; i < filler; i++) {
            value.put((byte) (id ^ version ^ i));
        }
        return value.array();
    }

    /** Checks that a value belongs to its key and is intact; returns its version. */
    private static long checkValue(long id, ByteBuffer value) {
        int at = value.position();
        assertThat(value.remaining()).isGreaterThanOrEqualTo(16);
        assertThat(value.getLong(at)).as("the value's key").isEqualTo(id);
        long version = value.getLong(at + 8);
        byte[] expected = value(id, version);
        byte[] actual = new byte[value.remaining()];
        value.get(at, actual);
        assertThat(Arrays.equals(actual, expected))
                .as("value of key %d version %d intact", id, version)
                .isTrue();
        return version;
    }
}
