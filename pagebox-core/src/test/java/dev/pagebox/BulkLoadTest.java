/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.testing.SmallStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Pagebox#bulkLoad} through the public API: loads many times the pool, reads every entry back by key and by
 * scan, survives a clean reopen, fills pages as asked, rejects unsorted input and non-empty trees with nothing left
 * behind (the offline check finds no leaked page), and takes ordinary writes afterwards.
 */
class BulkLoadTest {
    @TempDir
    Path temp;

    @Test
    void aLoadSixteenTimesThePoolReadsBackWholeAndSurvivesAReopen() {
        long count = 120_000; // about 16 MiB of entries into a 1 MiB pool
        check(count, 1.0, 7);
    }

    @Test
    @Tag("stress")
    void aLoadAThousandTimesThePoolReadsBackWhole() {
        check(4_000_000, 0.9, 8);
    }

    private void check(long count, double fill, long seed) {
        Path directory = temp.resolve("store");
        PageboxOptions options = BulkLoadWorkload.options(false);
        try (Pagebox store = Pagebox.open(directory, options)) {
            PageboxTree tree = store.bulkLoad(
                    "t",
                    BulkLoadWorkload.entries(seed, count, () -> {}),
                    BulkLoadOptions.defaults().withFill(fill));
            assertThat(tree.count()).isEqualTo(count);
            PageboxTreeStats stats = tree.stats();
            assertThat(stats.entries()).isEqualTo(count);
            assertThat(stats.height()).isGreaterThanOrEqualTo(3);
            assertThat(stats.fillFactor()).as("fill of %s", stats).isBetween(fill - 0.06, fill);
            assertThat(stats.overflowPages()).isPositive();
            for (long i = 0; i < count; i += 7) {
                assertThat(tree.get(BulkLoadWorkload.key(seed, i))).isEqualTo(BulkLoadWorkload.value(seed, i));
            }
            tree.put(BulkLoadWorkload.key(seed, 3), new byte[] {1});
            tree.put(BulkLoadWorkload.key(seed, count + 5), new byte[] {2});
            assertThat(tree.delete(BulkLoadWorkload.key(seed, 4))).isTrue();
        }
        try (Pagebox store = Pagebox.open(directory, options)) {
            PageboxTree tree = store.tree("t");
            long[] next = {0};
            tree.range(null, null, (key, value) -> {
                long i = next[0]++;
                if (i == 4) {
                    i = next[0]++; // deleted
                }
                if (i == count) {
                    i = count + 5;
                }
                assertThat(key).isEqualTo(BulkLoadWorkload.key(seed, i));
                assertThat(value)
                        .isEqualTo(
                                i == 3
                                        ? new byte[] {1}
                                        : i == count + 5 ? new byte[] {2} : BulkLoadWorkload.value(seed, i));
                return true;
            });
            assertThat(next[0]).isEqualTo(count + 1);
        }
        VerifyReport report = Pagebox.verify(directory, options);
        assertThat(report.problems()).isEmpty();
        assertThat(report.leakedPages()).isZero();
    }

    @Test
    void unsortedOrDuplicateInputIsRejectedNamingThePositionAndLeavesNothingBehind() throws Exception {
        Path directory = temp.resolve("store");
        PageboxOptions options = SmallStores.options(64).build();
        long sizeBefore;
        try (Pagebox store = Pagebox.open(directory, options)) {
            store.tree("t");
            store.checkpoint();
            sizeBefore = Files.size(directory.resolve("pagebox.pages"));
            Iterator<Map.Entry<byte[], byte[]>> sorted = BulkLoadWorkload.entries(1, 20_000, () -> {});
            Iterator<Map.Entry<byte[], byte[]>> unsorted = new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Map.Entry<byte[], byte[]> next() {
                    return next++ == 20_000 ? Map.entry(BulkLoadWorkload.key(1, 17), new byte[1]) : sorted.next();
                }
            };
            assertThatThrownBy(() -> store.bulkLoad("t", unsorted))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("entry 20000 is not sorted: its key sorts before the key of entry 19999");
            List<Map.Entry<byte[], byte[]>> duplicate = List.of(
                    Map.entry(new byte[] {1}, new byte[1]),
                    Map.entry(new byte[] {2}, new byte[1]),
                    Map.entry(new byte[] {2}, new byte[1]));
            assertThatThrownBy(() -> store.bulkLoad("u", duplicate.iterator()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("entry 2 is not sorted: its key equals the key of entry 1");
            assertThat(store.tree("t").count()).isZero();
            assertThat(store.tree("u").count()).isZero();
            store.checkpoint();
            assertThat(Files.size(directory.resolve("pagebox.pages")))
                    .as("the pages written are free again: the file shrinks back at a checkpoint")
                    .isLessThanOrEqualTo(sizeBefore);
        }
        VerifyReport report = Pagebox.verify(directory, options);
        assertThat(report.problems()).isEmpty();
        assertThat(report.leakedPages()).isZero();
    }

    @Test
    void aTreeThatIsNotEmptyIsRefused() {
        Path directory = temp.resolve("store");
        try (Pagebox store = Pagebox.open(directory, SmallStores.options(64).build())) {
            store.tree("t").put(new byte[] {5}, new byte[] {5});
            assertThatThrownBy(() -> store.bulkLoad("t", BulkLoadWorkload.entries(1, 10, () -> {})))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not empty");
            assertThat(store.tree("t").count()).isEqualTo(1);
            PageboxTree empty =
                    store.bulkLoad("e", List.<Map.Entry<byte[], byte[]>>of().iterator());
            assertThat(empty.count()).isZero();
            PageboxTree one = store.bulkLoad(
                    "one", List.of(Map.entry(new byte[] {9}, new byte[] {8})).iterator());
            assertThat(one.get(new byte[] {9})).containsExactly(8);
            assertThatThrownBy(() -> BulkLoadOptions.defaults().withFill(0.3))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
