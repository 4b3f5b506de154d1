/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxTreeStats;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random operation sequences against {@link TreeMap} with an unsigned comparator, on a pool of 16 frames so that
 * pages are evicted and faulted all the time. Replay a failure with its seed.
 */
class BTreeDifferentialTest {
    private static final int PAGE_SIZE = 4096;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void matchesTreeMap(long seed) {
        run(seed, 6_000);
    }

    static void run(long seed, int operations) {
        SplittableRandom random = new SplittableRandom(seed);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        try (TreeFixture fixture = new TreeFixture(16, PAGE_SIZE, seed % 2 == 0)) {
            BTree tree = fixture.tree;
            KeyGenerator keys = new KeyGenerator(random, tree.maxKeyLength());
            for (int step = 0; step < operations; step++) {
                String where = "seed " + seed + " step " + step;
                int op = random.nextInt(100);
                byte[] key = keys.next();
                if (op < 40) {
                    byte[] value = value(random);
                    boolean replaced = tree.put(key, value, CommitMode.NONE);
                    assertThat(replaced).as(where).isEqualTo(model.put(key, value) != null);
                } else if (op < 48) {
                    byte[] value = value(random);
                    boolean inserted = tree.insert(key, value, CommitMode.NONE);
                    assertThat(inserted).as(where).isEqualTo(model.putIfAbsent(key, value) == null);
                } else if (op < 68) {
                    assertThat(tree.delete(key, CommitMode.NONE)).as(where).isEqualTo(model.remove(key) != null);
                } else if (op < 85) {
                    assertThat(tree.get(key)).as(where).isEqualTo(model.get(key));
                    assertThat(tree.contains(key)).as(where).isEqualTo(model.containsKey(key));
                } else if (op < 93) {
                    checkRange(tree, model, keys.next(), random, where);
                } else if (op < 97) {
                    byte[] prefix = Arrays.copyOf(key, Math.min(key.length, random.nextInt(3)));
                    boolean reverse = random.nextBoolean();
                    NavigableMap<byte[], byte[]> expected = prefixView(model, prefix);
                    assertThat(collect(visitor -> tree.scanPrefix(prefix, reverse, visitor)))
                            .as(where)
                            .containsExactlyElementsOf(entries(reverse ? expected.descendingMap() : expected));
                } else {
                    walkWithCursor(tree, model, random, where);
                }
            }
            assertThat(collect(visitor -> tree.scan(null, true, null, true, false, visitor)))
                    .containsExactlyElementsOf(entries(model));
            PageboxTreeStats stats = tree.stats("t");
            assertThat(stats.entries()).isEqualTo(model.size());
            assertThat(fixture.pool.stats().evictions())
                    .as("the pool was too large to evict")
                    .isPositive();
        }
    }

    private static void checkRange(
            BTree tree, NavigableMap<byte[], byte[]> model, byte[] other, SplittableRandom random, String where) {
        byte[] a = other;
        byte[] b = new KeyGenerator(random, tree.maxKeyLength()).next();
        byte[] from = Arrays.compareUnsigned(a, b) <= 0 ? a : b;
        byte[] to = from == a ? b : a;
        boolean fromInclusive = random.nextBoolean();
        boolean toInclusive = random.nextBoolean();
        boolean reverse = random.nextBoolean();
        boolean openFrom = random.nextInt(8) == 0;
        boolean openTo = random.nextInt(8) == 0;
        NavigableMap<byte[], byte[]> expected;
        if (openFrom && openTo) {
            expected = model;
        } else if (openFrom) {
            expected = model.headMap(to, toInclusive);
        } else if (openTo) {
            expected = model.tailMap(from, fromInclusive);
        } else if (Arrays.equals(from, to) && !(fromInclusive && toInclusive)) {
            expected = new TreeMap<>(Arrays::compareUnsigned);
        } else {
            expected = model.subMap(from, fromInclusive, to, toInclusive);
        }
        int limit = 1 + random.nextInt(40);
        List<String> actual = collect(
                limit,
                visitor -> tree.scan(
                        openFrom ? null : from, fromInclusive, openTo ? null : to, toInclusive, reverse, visitor));
        List<String> wanted = entries(reverse ? expected.descendingMap() : expected);
        assertThat(actual).as(where).containsExactlyElementsOf(wanted.subList(0, Math.min(limit, wanted.size())));
    }

    private static void walkWithCursor(
            BTree tree, NavigableMap<byte[], byte[]> model, SplittableRandom random, String where) {
        TreeCursor cursor = tree.cursor();
        byte[] target = new KeyGenerator(random, tree.maxKeyLength()).next();
        Map.Entry<byte[], byte[]> expected = model.ceilingEntry(target);
        assertThat(cursor.seek(target)).as(where).isEqualTo(expected != null);
        for (int step = 0; step < 30 && expected != null; step++) {
            assertThat(cursor.keyBytes()).as(where).isEqualTo(expected.getKey());
            assertThat(cursor.valueBytes()).as(where).isEqualTo(expected.getValue());
            boolean forward = random.nextInt(3) > 0;
            expected = forward ? model.higherEntry(expected.getKey()) : model.lowerEntry(expected.getKey());
            assertThat(forward ? cursor.next() : cursor.previous()).as(where).isEqualTo(expected != null);
        }
        Map.Entry<byte[], byte[]> floor = model.floorEntry(target);
        assertThat(cursor.seekForPrev(target)).as(where).isEqualTo(floor != null);
        if (floor != null) {
            assertThat(cursor.keyBytes()).as(where).isEqualTo(floor.getKey());
        }
        Map.Entry<byte[], byte[]> last = model.lastEntry();
        assertThat(cursor.last()).as(where).isEqualTo(last != null);
        if (last != null) {
            assertThat(cursor.keyBytes()).as(where).isEqualTo(last.getKey());
        }
    }

    static byte[] value(SplittableRandom random) {
        int kind = random.nextInt(100);
        int length;
        if (kind < 70) {
            length = random.nextInt(60);
        } else if (kind < 95) {
            length = random.nextInt(1200); // around the inline limit of a quarter page
        } else {
            length = 1000 + random.nextInt(30_000); // overflow chains
        }
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }

    static NavigableMap<byte[], byte[]> prefixView(NavigableMap<byte[], byte[]> model, byte[] prefix) {
        byte[] end = Keys.prefixEnd(prefix);
        return end == null ? model.tailMap(prefix, true) : model.subMap(prefix, true, end, false);
    }

    static List<String> entries(NavigableMap<byte[], byte[]> map) {
        List<String> list = new ArrayList<>();
        map.forEach((k, v) -> list.add(describe(k, v)));
        return list;
    }

    /** An entry as hex key, value length and value hash: short in failure messages, exact in comparisons. */
    static String describe(byte[] key, byte[] value) {
        return java.util.HexFormat.of().formatHex(key) + "=" + value.length + "#" + Arrays.hashCode(value);
    }

    interface Scan {
        void run(EntryVisitor visitor);
    }

    static List<String> collect(Scan scan) {
        return collect(Integer.MAX_VALUE, scan);
    }

    static List<String> collect(int limit, Scan scan) {
        List<String> list = new ArrayList<>();
        scan.run((key, value) -> {
            list.add(describe(key.toArray(ValueLayout.JAVA_BYTE), value.toArray(ValueLayout.JAVA_BYTE)));
            return list.size() < limit;
        });
        return list;
    }

    /** Keys over a small alphabet with shared prefixes, the empty key, 0xFF runs and keys at the length limit. */
    static final class KeyGenerator {
        private static final byte[] ALPHABET = {0, 1, 'a', 'b', 'c', (byte) 0x7F, (byte) 0x80, (byte) 0xFF};
        private final SplittableRandom random;
        private final int maxLength;

        KeyGenerator(SplittableRandom random, int maxLength) {
            this.random = random;
            this.maxLength = maxLength;
        }

        byte[] next() {
            int kind = random.nextInt(100);
            int length;
            if (kind < 2) {
                length = 0;
            } else if (kind < 4) {
                length = maxLength - random.nextInt(2);
            } else if (kind < 10) {
                length = 9 + random.nextInt(100);
            } else {
                length = 1 + random.nextInt(10);
            }
            byte[] key = new byte[length];
            boolean allFf = random.nextInt(30) == 0;
            for (int i = 0; i < length; i++) {
                key[i] = allFf ? (byte) 0xFF : ALPHABET[random.nextInt(i < 3 ? 3 : ALPHABET.length)];
            }
            return key;
        }
    }

    static MemorySegment segment(byte[] bytes) {
        return MemorySegment.ofArray(bytes);
    }
}
