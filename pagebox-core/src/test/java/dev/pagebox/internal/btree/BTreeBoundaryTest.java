/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Edge keys and values, size limits and no-op changes. */
class BTreeBoundaryTest {
    private static final int PAGE_SIZE = 4096;

    private final TreeFixture fixture = new TreeFixture(64, PAGE_SIZE, true);
    private final BTree tree = fixture.tree;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theEmptyKeySortsFirstAndWorksLikeAnyOther() {
        tree.put(new byte[] {0}, bytes("zero"), CommitMode.NONE);
        tree.put(new byte[0], bytes("empty"), CommitMode.NONE);
        assertThat(tree.get(new byte[0])).isEqualTo(bytes("empty"));
        TreeCursor cursor = tree.cursor();
        assertThat(cursor.first()).isTrue();
        assertThat(cursor.keyBytes()).isEmpty();
        assertThat(cursor.seekBefore(new byte[] {0})).isTrue();
        assertThat(cursor.keyBytes()).isEmpty();
        assertThat(cursor.previous()).isFalse();
        assertThat(tree.delete(new byte[0], CommitMode.NONE)).isTrue();
        assertThat(tree.get(new byte[0])).isNull();
    }

    @Test
    void keysUpToTheLimitAreStoredAndLongerOnesRejectedWithoutAChange() {
        byte[] longest = filled(tree.maxKeyLength(), (byte) 'k');
        tree.put(longest, bytes("v"), CommitMode.NONE);
        assertThat(tree.get(longest)).isEqualTo(bytes("v"));
        int records = fixture.log.entries().size();
        assertThatThrownBy(() -> tree.put(filled(tree.maxKeyLength() + 1, (byte) 'k'), bytes("v"), CommitMode.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key of " + (PAGE_SIZE / 8 + 1) + " bytes")
                .hasMessageContaining("maximum of " + PAGE_SIZE / 8);
        assertThatThrownBy(() -> tree.put(null, bytes("v"), CommitMode.NONE))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("key");
        assertThat(fixture.log.entries()).hasSize(records);
    }

    @Test
    void manyLongKeysWithLongSharedPrefixesSplitAndScanInOrder() {
        SplittableRandom random = new SplittableRandom(5);
        List<byte[]> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            byte[] key = filled(tree.maxKeyLength() - random.nextInt(40), (byte) 0xFF);
            key[key.length - 1 - random.nextInt(8)] = (byte) random.nextInt(256);
            keys.add(key);
            tree.put(key, bytes("v" + i), CommitMode.NONE);
        }
        keys.sort(Arrays::compareUnsigned);
        List<byte[]> distinct = keys.stream()
                .map(java.nio.ByteBuffer::wrap)
                .distinct()
                .map(java.nio.ByteBuffer::array)
                .toList();
        List<byte[]> scanned = new java.util.ArrayList<>();
        tree.scanPrefix(new byte[] {(byte) 0xFF, (byte) 0xFF}, false, (key, value) -> {
            scanned.add(key.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            return true;
        });
        assertThat(scanned).containsExactlyElementsOf(distinct);
        assertThat(tree.stats("t").height()).isGreaterThan(1);
    }

    @Test
    void duplicateInsertsAndAbsentDeletesChangeNothingAndLogNothing() {
        tree.put(bytes("a"), bytes("first"), CommitMode.NONE);
        int records = fixture.log.entries().size();
        assertThat(tree.insert(bytes("a"), bytes("second"), CommitMode.NONE)).isFalse();
        assertThat(tree.delete(bytes("b"), CommitMode.NONE)).isFalse();
        assertThat(tree.get(bytes("a"))).isEqualTo(bytes("first"));
        assertThat(fixture.log.entries()).hasSize(records);
    }

    @Test
    void aSixteenMebibyteValueRoundTripsAndItsPagesAreFreedWithIt() {
        long baseline = fixture.pages.allocatedPages();
        byte[] big = new byte[BTree.MAX_VALUE_LENGTH];
        new SplittableRandom(3).nextBytes(big);
        tree.put(bytes("big"), big, CommitMode.STRICT);
        assertThat(tree.get(bytes("big"))).isEqualTo(big);
        assertThat(fixture.pages.allocatedPages() - baseline).isGreaterThan(BTree.MAX_VALUE_LENGTH / PAGE_SIZE);
        assertThat(tree.stats("t").overflowPages()).isEqualTo(fixture.pages.allocatedPages() - baseline);

        byte[] smaller = new byte[100_000];
        new SplittableRandom(4).nextBytes(smaller);
        assertThat(tree.put(bytes("big"), smaller, CommitMode.NONE)).isTrue();
        assertThat(tree.get(bytes("big"))).isEqualTo(smaller);
        TreeCursor cursor = tree.cursor();
        assertThat(cursor.seek(bytes("big"))).isTrue();
        assertThat(cursor.valueBytes()).isEqualTo(smaller);

        assertThat(tree.delete(bytes("big"), CommitMode.NONE)).isTrue();
        assertThat(fixture.pages.allocatedPages()).isEqualTo(baseline);
        assertThat(fixture.log.durable())
                .as("the delete was durable before its pages were freed")
                .isGreaterThan(fixture.log.entries().getLast().lsn());
    }

    @Test
    void oversizedValuesAreRejectedBeforeAnythingIsWritten() {
        long pages = fixture.pages.allocatedPages();
        int records = fixture.log.entries().size();
        assertThatThrownBy(() -> tree.put(bytes("k"), new byte[BTree.MAX_VALUE_LENGTH + 1], CommitMode.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value of " + (BTree.MAX_VALUE_LENGTH + 1) + " bytes")
                .hasMessageContaining("maximum of " + BTree.MAX_VALUE_LENGTH);
        assertThat(fixture.pages.allocatedPages()).isEqualTo(pages);
        assertThat(fixture.log.entries()).hasSize(records);
    }

    @Test
    void anInsertThatFindsTheKeyFreesTheOverflowPagesItWrote() {
        tree.put(bytes("k"), new byte[10], CommitMode.NONE);
        long pages = fixture.pages.allocatedPages();
        assertThat(tree.insert(bytes("k"), new byte[50_000], CommitMode.NONE)).isFalse();
        assertThat(fixture.pages.allocatedPages()).isEqualTo(pages);
    }

    @Test
    void aSameSizeReplacementOverwritesInPlaceAndLeavesNoGarbage() {
        for (int i = 0; i < 10; i++) {
            tree.put(bytes("k" + i), filled(100, (byte) 1), CommitMode.NONE);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(tree.put(bytes("k" + i), filled(100, (byte) 2), CommitMode.NONE))
                    .isTrue();
        }
        assertThat(NodeLayout.garbage(fixture.pool.frames().page(tree.rootFrame())))
                .isZero();
        assertThat(tree.get(bytes("k7"))).isEqualTo(filled(100, (byte) 2));
        tree.put(bytes("k7"), filled(99, (byte) 3), CommitMode.NONE);
        assertThat(NodeLayout.garbage(fixture.pool.frames().page(tree.rootFrame())))
                .as("a different size moves")
                .isPositive();
        assertThat(tree.get(bytes("k7"))).isEqualTo(filled(99, (byte) 3));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
