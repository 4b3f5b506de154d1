/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.testing.SmallStores;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zero-copy scans ({@link PageboxTree#scan} and its reverse and prefix forms) visit exactly what the copying
 * ones ({@code range}, {@code prefix}) visit, which is what a {@link TreeMap} model holds: {@code from} inclusive,
 * {@code to} exclusive, null bounds open, empty and inverted ranges empty; the views are read-only and hold the
 * entry from position to limit; a visitor may scan again from inside its call, and a visitor that throws leaves
 * the next scan working.
 */
class ZeroCopyScanTest {
    @TempDir
    Path directory;

    @Test
    void zeroCopyScansEqualTheCopyingScansAndTheModel() {
        SplittableRandom random = new SplittableRandom(5);
        try (Pagebox store = Pagebox.open(directory, SmallStores.options(64).build())) {
            PageboxTree tree = store.tree("t");
            NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
            for (int i = 0; i < 2000; i++) {
                byte[] key = key(random);
                byte[] value = new byte[random.nextInt(20) == 0 ? 9000 : random.nextInt(200)];
                random.nextBytes(value);
                tree.put(key, value, CommitMode.NONE);
                model.put(key, value);
            }
            for (int i = 0; i < 300; i++) {
                byte @Nullable [] from = random.nextInt(6) == 0 ? null : key(random);
                byte @Nullable [] to = random.nextInt(6) == 0 ? null : key(random);
                boolean reverse = random.nextBoolean();
                List<String> expected = model(model, from, to, reverse);
                List<String> copied = new ArrayList<>();
                List<String> viewed = new ArrayList<>();
                if (reverse) {
                    tree.rangeReverse(from, to, (k, v) -> copied.add(describe(k, v)));
                    tree.scanReverse(from, to, (k, v) -> viewed.add(describe(bytes(k), bytes(v))));
                } else {
                    tree.range(from, to, (k, v) -> copied.add(describe(k, v)));
                    tree.scan(from, to, (k, v) -> viewed.add(describe(bytes(k), bytes(v))));
                }
                assertThat(copied).as("range %s %s", hex(from), hex(to)).containsExactlyElementsOf(expected);
                assertThat(viewed).as("scan %s %s", hex(from), hex(to)).containsExactlyElementsOf(expected);
            }
            for (byte[] prefix :
                    List.of(new byte[] {'a'}, new byte[] {'a', 'b'}, new byte[] {(byte) 0xFF}, new byte[0])) {
                byte @Nullable [] end = PageboxTree.prefixEnd(prefix);
                List<String> copied = new ArrayList<>();
                List<String> viewed = new ArrayList<>();
                tree.prefix(prefix, (k, v) -> copied.add(describe(k, v)));
                tree.scanPrefix(prefix, (k, v) -> viewed.add(describe(bytes(k), bytes(v))));
                assertThat(viewed).isEqualTo(copied).containsExactlyElementsOf(model(model, prefix, end, false));
                List<String> copiedReverse = new ArrayList<>();
                List<String> viewedReverse = new ArrayList<>();
                tree.prefixReverse(prefix, (k, v) -> copiedReverse.add(describe(k, v)));
                tree.scanPrefixReverse(prefix, (k, v) -> viewedReverse.add(describe(bytes(k), bytes(v))));
                assertThat(viewedReverse)
                        .isEqualTo(copiedReverse)
                        .containsExactlyElementsOf(model(model, prefix, end, true));
            }
        }
    }

    @Test
    void boundsAreFromInclusiveToExclusiveAndAnEmptyOrInvertedRangeVisitsNothing() {
        try (Pagebox store = Pagebox.open(directory, SmallStores.options(32).build())) {
            PageboxTree tree = store.tree("t");
            List<String> none = new ArrayList<>();
            tree.scan(null, null, (k, v) -> none.add(hex(bytes(k))));
            assertThat(none).as("an empty tree").isEmpty();
            for (int i = 1; i <= 5; i++) {
                tree.put(new byte[] {(byte) i}, new byte[] {(byte) (10 * i)});
            }
            assertThat(keys(tree, new byte[] {2}, new byte[] {4}, false)).containsExactly("02", "03");
            assertThat(keys(tree, new byte[] {2}, new byte[] {4}, true)).containsExactly("03", "02");
            assertThat(keys(tree, new byte[] {3}, new byte[] {3}, false)).isEmpty();
            assertThat(keys(tree, new byte[] {4}, new byte[] {2}, false)).isEmpty();
            assertThat(keys(tree, new byte[] {4}, new byte[] {2}, true)).isEmpty();
            assertThat(keys(tree, null, new byte[] {2}, true)).containsExactly("01");
            assertThat(keys(tree, new byte[] {5}, null, false)).containsExactly("05");
            assertThat(keys(tree, new byte[] {5, 0}, null, false)).isEmpty();
        }
    }

    @Test
    void viewsAreReadOnlyANestedScanWorksAndAThrowingVisitorLeavesTheScannerUsable() {
        try (Pagebox store = Pagebox.open(directory, SmallStores.options(32).build())) {
            PageboxTree tree = store.tree("t");
            for (int i = 0; i < 300; i++) {
                tree.put(new byte[] {'k', (byte) (i >> 8), (byte) i}, new byte[] {(byte) i});
            }
            List<String> pairs = new ArrayList<>();
            tree.scan(null, new byte[] {'k', 0, 3}, (key, value) -> {
                assertThat(key.isReadOnly()).isTrue();
                assertThat(value.isReadOnly()).isTrue();
                assertThatThrownBy(() -> value.put(value.position(), (byte) 1))
                        .isInstanceOf(java.nio.ReadOnlyBufferException.class);
                byte[] outer = bytes(key);
                tree.scanReverse(null, null, (k, v) -> {
                    pairs.add(hex(outer) + ">" + hex(bytes(k)));
                    return false; // the last key only
                });
                assertThat(bytes(key)).as("the outer view after a nested scan").isEqualTo(outer);
                return true;
            });
            assertThat(pairs).containsExactly("6b0000>6b012b", "6b0001>6b012b", "6b0002>6b012b");
            assertThatThrownBy(() -> tree.scan(null, null, (k, v) -> {
                        throw new IllegalStateException("visitor failed");
                    }))
                    .hasMessage("visitor failed");
            assertThat(keys(tree, null, new byte[] {'k', 0, 2}, false)).containsExactly("6b0000", "6b0001");
        }
    }

    private static List<String> keys(PageboxTree tree, byte @Nullable [] from, byte @Nullable [] to, boolean reverse) {
        List<String> keys = new ArrayList<>();
        ScanVisitor visitor = (k, v) -> keys.add(hex(bytes(k)));
        if (reverse) {
            tree.scanReverse(from, to, visitor);
        } else {
            tree.scan(from, to, visitor);
        }
        return keys;
    }

    private static List<String> model(
            NavigableMap<byte[], byte[]> model, byte @Nullable [] from, byte @Nullable [] to, boolean reverse) {
        List<String> list = new ArrayList<>();
        for (var entry : (reverse ? model.descendingMap() : model).entrySet()) {
            byte[] key = entry.getKey();
            if ((from == null || Arrays.compareUnsigned(key, from) >= 0)
                    && (to == null || Arrays.compareUnsigned(key, to) < 0)) {
                list.add(describe(key, entry.getValue()));
            }
        }
        return list;
    }

    /** Keys over a small alphabet, so that ranges and prefixes share long runs. */
    private static byte[] key(SplittableRandom random) {
        byte[] alphabet = {0, 'a', 'b', (byte) 0xFF};
        byte[] key = new byte[1 + random.nextInt(12)];
        for (int i = 0; i < key.length; i++) {
            key[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return key;
    }

    private static byte[] bytes(ByteBuffer view) {
        byte[] bytes = new byte[view.remaining()];
        view.get(view.position(), bytes);
        return bytes;
    }

    private static String describe(byte[] key, byte[] value) {
        return hex(key) + "=" + value.length + "#" + Arrays.hashCode(value);
    }

    private static String hex(byte @Nullable [] bytes) {
        return bytes == null ? "null" : HexFormat.of().formatHex(bytes);
    }
}
