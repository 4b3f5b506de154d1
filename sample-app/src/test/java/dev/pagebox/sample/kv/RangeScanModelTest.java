/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import dev.pagebox.testing.SmallStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans checked against a {@link TreeMap} model: random prefixes, bounds, directions and limits over a tree of
 * random keys from a small alphabet (so prefixes and bounds hit often, and 0x00/0xFF edges occur) that spans many
 * 4 KiB pages. A failure names the seed and the query.
 */
class RangeScanModelTest {
    private static final byte[] ALPHABET = {0x00, 0x01, 'a', 'b', 'c', 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};

    @TempDir
    Path directory;

    private Pagebox store;
    private PageboxTree tree;
    private final NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);

    @BeforeEach
    void open() {
        store = Pagebox.open(directory, SmallStores.options(64).build());
        tree = store.tree("model");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void scansMatchTheModel() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 3000; i++) {
            byte[] key = randomKey(random, 1 + random.nextInt(6));
            byte[] value = new byte[random.nextInt(40)];
            random.nextBytes(value);
            tree.put(key, value);
            model.put(key, value);
        }
        for (int query = 0; query < 400; query++) {
            byte[] prefix = random.nextInt(3) == 0 ? null : randomKey(random, random.nextInt(3));
            byte[] from = random.nextInt(3) == 0 ? randomKey(random, 1 + random.nextInt(3)) : null;
            byte[] to = random.nextInt(3) == 0 ? randomKey(random, 1 + random.nextInt(3)) : null;
            boolean reverse = random.nextBoolean();
            int limit = 1 + random.nextInt(random.nextBoolean() ? 5 : 2000);
            String description = "seed " + seed + ", query " + query + ": prefix " + hex(prefix) + " from " + hex(from)
                    + " to " + hex(to) + (reverse ? " reverse" : "") + " limit " + limit;

            ScanPage page = RangeScan.page(tree, KeyRange.of(prefix, from, to), reverse, limit);

            List<Map.Entry<byte[], byte[]>> expected = expected(prefix, from, to, reverse);
            assertThat(page.entries()).as(description).hasSize(Math.min(limit, expected.size()));
            for (int i = 0; i < page.entries().size(); i++) {
                assertThat(page.entries().get(i).key())
                        .as(description + ", entry " + i)
                        .isEqualTo(expected.get(i).getKey());
                assertThat(page.entries().get(i).value())
                        .as(description + ", entry " + i)
                        .isEqualTo(expected.get(i).getValue());
            }
            assertThat(page.truncated()).as(description).isEqualTo(expected.size() > limit);
        }
    }

    @Test
    void visitorStopsTheScan() {
        for (int i = 0; i < 100; i++) {
            tree.put(new byte[] {(byte) i}, new byte[] {1});
        }
        List<byte[]> seen = new ArrayList<>();
        RangeScan.forEach(tree, KeyRange.all(), true, (key, value) -> {
            seen.add(key);
            return seen.size() < 3;
        });
        assertThat(seen).containsExactly(new byte[] {99}, new byte[] {98}, new byte[] {97});
    }

    private List<Map.Entry<byte[], byte[]>> expected(
            byte @Nullable [] prefix, byte @Nullable [] from, byte @Nullable [] to, boolean reverse) {
        List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> entry : model.entrySet()) {
            byte[] key = entry.getKey();
            boolean matches = (prefix == null || startsWith(key, prefix))
                    && (from == null || Arrays.compareUnsigned(key, from) >= 0)
                    && (to == null || Arrays.compareUnsigned(key, to) < 0);
            if (matches) {
                entries.add(entry);
            }
        }
        return reverse ? entries.reversed() : entries;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] randomKey(Random random, int length) {
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return key;
    }

    private static String hex(byte @Nullable [] bytes) {
        return bytes == null ? "-" : HexFormat.of().formatHex(bytes);
    }
}
