/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link TreeScan} against a {@link TreeMap} model and against the cursor-based {@link BTree#scan}: every bound
 * combination (open, inclusive, exclusive, empty and inverted ranges, prefixes), both directions, early stops,
 * overflow values, keys with long shared prefixes, and a pool so small that leaves are evicted between batches.
 */
class TreeScanTest {
    private static final int PAGE_SIZE = 4096;

    @Test
    void scansEqualTheModelForEveryKindOfBound() {
        SplittableRandom random = new SplittableRandom(19);
        try (TreeFixture fixture = new TreeFixture(24, PAGE_SIZE, false)) {
            BTree tree = fixture.tree;
            NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
            BTreeDifferentialTest.KeyGenerator keys = new BTreeDifferentialTest.KeyGenerator(random, PAGE_SIZE / 8);
            for (int i = 0; i < 3000; i++) {
                byte[] key = keys.next();
                if (random.nextInt(10) == 0) {
                    tree.delete(key, CommitMode.NONE);
                    model.remove(key);
                } else {
                    byte[] value = value(random);
                    tree.put(key, value, CommitMode.NONE);
                    model.put(key, value);
                }
            }
            TreeScan scan = tree.cursor().newScan();
            assertThat(scanned(scan, null, true, null, true, false, Integer.MAX_VALUE))
                    .containsExactlyElementsOf(expected(model, null, true, null, true, false, Integer.MAX_VALUE));
            for (int i = 0; i < 600; i++) {
                byte @Nullable [] from = random.nextInt(8) == 0 ? null : bound(random, keys, model);
                byte @Nullable [] to = random.nextInt(8) == 0 ? null : bound(random, keys, model);
                boolean fromInclusive = random.nextBoolean();
                boolean toInclusive = random.nextBoolean();
                boolean reverse = random.nextBoolean();
                int limit = random.nextInt(4) == 0 ? 1 + random.nextInt(40) : Integer.MAX_VALUE;
                List<String> expected = expected(model, from, fromInclusive, to, toInclusive, reverse, limit);
                assertThat(scanned(scan, from, fromInclusive, to, toInclusive, reverse, limit))
                        .as("from %s %s to %s %s reverse %s", hex(from), fromInclusive, hex(to), toInclusive, reverse)
                        .containsExactlyElementsOf(expected);
                assertThat(BTreeDifferentialTest.collect(
                                limit, v -> tree.scan(from, fromInclusive, to, toInclusive, reverse, v)))
                        .as("the cursor's scan")
                        .containsExactlyElementsOf(expected);
            }
            assertThat(fixture.pool.stats().evictions())
                    .as("leaves evicted under the scans")
                    .isPositive();
        }
    }

    @Test
    void anEmptyTreeAndEmptyRangesVisitNothing() {
        try (TreeFixture fixture = new TreeFixture(16, PAGE_SIZE, false)) {
            TreeScan scan = fixture.tree.cursor().newScan();
            assertThat(scanned(scan, null, true, null, true, false, Integer.MAX_VALUE))
                    .isEmpty();
            assertThat(scanned(scan, null, true, null, true, true, Integer.MAX_VALUE))
                    .isEmpty();
            fixture.tree.put(new byte[] {5}, new byte[] {1}, CommitMode.NONE);
            assertThat(scanned(scan, new byte[] {5}, false, null, true, false, 9))
                    .isEmpty();
            assertThat(scanned(scan, new byte[] {5}, true, new byte[] {5}, false, false, 9))
                    .isEmpty();
            assertThat(scanned(scan, new byte[] {6}, true, new byte[] {4}, true, false, 9))
                    .isEmpty();
            assertThat(scanned(scan, new byte[] {6}, true, new byte[] {4}, true, true, 9))
                    .isEmpty();
            assertThat(scanned(scan, new byte[] {5}, true, new byte[] {5}, true, true, 9))
                    .hasSize(1);
        }
    }

    @Test
    void viewsAreReadOnlyAndPositionedOnTheEntry() {
        try (TreeFixture fixture = new TreeFixture(16, PAGE_SIZE, false)) {
            for (int i = 0; i < 200; i++) {
                fixture.tree.put(
                        new byte[] {'k', (byte) i}, new byte[] {(byte) i, (byte) i, (byte) i}, CommitMode.NONE);
            }
            List<Integer> positions = new ArrayList<>();
            fixture.tree.cursor().newScan().scan(null, true, null, true, false, (key, value) -> {
                assertThat(key.isReadOnly()).isTrue();
                assertThat(value.isReadOnly()).isTrue();
                assertThat(key.remaining()).isEqualTo(2);
                assertThat(value.get(value.position())).isEqualTo(key.get(key.position() + 1));
                assertThatThrownBy(() -> key.put(key.position(), (byte) 0))
                        .isInstanceOf(java.nio.ReadOnlyBufferException.class);
                key.position(key.limit()); // moving a view affects nothing
                positions.add(value.position());
                return true;
            });
            assertThat(positions).hasSize(200).contains(2); // entries after the first lie further into the batch
        }
    }

    @Test
    void aScanRunsOneAtATimeAndIsReusableAfterAVisitorThrows() {
        try (TreeFixture fixture = new TreeFixture(16, PAGE_SIZE, false)) {
            fixture.tree.put(new byte[] {1}, new byte[] {1}, CommitMode.NONE);
            TreeScan scan = fixture.tree.cursor().newScan();
            assertThatThrownBy(() -> scan.scan(null, true, null, true, false, (key, value) -> {
                        assertThat(scan.isBusy()).isTrue();
                        scan.scan(null, true, null, true, false, (k, v) -> true);
                        return true;
                    }))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(scan.isBusy()).isFalse();
            assertThat(scanned(scan, null, true, null, true, false, 9)).hasSize(1);
        }
    }

    private static byte[] bound(
            SplittableRandom random, BTreeDifferentialTest.KeyGenerator keys, NavigableMap<byte[], byte[]> model) {
        if (random.nextBoolean() && !model.isEmpty()) {
            byte[][] all = model.keySet().toArray(new byte[0][]);
            return all[random.nextInt(all.length)].clone(); // an existing key: inclusive and exclusive differ
        }
        return keys.next();
    }

    /** Mostly small values, some of a few hundred bytes, a few in overflow pages. */
    private static byte[] value(SplittableRandom random) {
        int kind = random.nextInt(100);
        int length = kind < 3
                ? PAGE_SIZE + random.nextInt(3 * PAGE_SIZE)
                : kind < 20 ? random.nextInt(600) : random.nextInt(40);
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }

    static List<String> scanned(
            TreeScan scan,
            byte @Nullable [] from,
            boolean fromInclusive,
            byte @Nullable [] to,
            boolean toInclusive,
            boolean reverse,
            int limit) {
        List<String> list = new ArrayList<>();
        scan.scan(from, fromInclusive, to, toInclusive, reverse, (key, value) -> {
            list.add(BTreeDifferentialTest.describe(bytes(key), bytes(value)));
            return list.size() < limit;
        });
        return list;
    }

    static byte[] bytes(ByteBuffer view) {
        byte[] bytes = new byte[view.remaining()];
        view.get(view.position(), bytes);
        return bytes;
    }

    private static List<String> expected(
            NavigableMap<byte[], byte[]> model,
            byte @Nullable [] from,
            boolean fromInclusive,
            byte @Nullable [] to,
            boolean toInclusive,
            boolean reverse,
            int limit) {
        NavigableMap<byte[], byte[]> range = reverse ? model.descendingMap() : model;
        List<String> list = new ArrayList<>();
        for (var entry : range.entrySet()) {
            if (list.size() == limit) {
                break;
            }
            byte[] key = entry.getKey();
            int fromCmp = from == null ? 1 : Arrays.compareUnsigned(key, from);
            int toCmp = to == null ? -1 : Arrays.compareUnsigned(key, to);
            if (fromCmp < 0 || (fromCmp == 0 && !fromInclusive) || toCmp > 0 || (toCmp == 0 && !toInclusive)) {
                continue;
            }
            list.add(BTreeDifferentialTest.describe(entry.getKey(), entry.getValue()));
        }
        return list;
    }

    private static String hex(byte @Nullable [] key) {
        return key == null ? "null" : java.util.HexFormat.of().formatHex(key);
    }
}
