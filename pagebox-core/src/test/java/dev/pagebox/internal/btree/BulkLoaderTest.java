/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxTreeStats;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.wal.LogClaim;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bulk loads on a tree over an in-memory page store and a recording log: the loaded tree holds exactly the input
 * (point reads, scans, the structure check of {@link TreeVerifier}'s rules through stats), nodes are filled as asked,
 * bad input is rejected with nothing left allocated, and the one record the load logs, replayed over the pages as
 * they were before it, gives the live pages byte for byte.
 */
class BulkLoaderTest {
    private static final int PAGE_SIZE = 4096;

    @ParameterizedTest(name = "{0} entries, values up to {1} bytes, fill {2}")
    @CsvSource({"0, 10, 0.9", "1, 10, 0.9", "40, 10, 1.0", "5000, 100, 0.9", "20000, 40, 1.0", "3000, 9000, 0.7"})
    void theLoadedTreeHoldsExactlyTheInput(int count, int maxValue, double fill) {
        try (TreeFixture fixture = new TreeFixture(16, PAGE_SIZE, false)) {
            List<byte[][]> input = input(count, maxValue, new SplittableRandom(count));
            long before = fixture.pages.allocatedPages();
            try (BulkLoader loader = fixture.tree.bulkLoader(fill)) {
                input.forEach(entry -> loader.add(entry[0], entry[1]));
                loader.finish();
                loader.attach();
                assertThat(fixture.pages.allocatedPages() - before)
                        .as("pages allocated are the pages written")
                        .isEqualTo(loader.pagesWritten());
            }
            BTree tree = fixture.tree;
            for (byte[][] entry : input) {
                assertThat(tree.get(entry[0]))
                        .as("value of %s", new String(entry[0]))
                        .isEqualTo(entry[1]);
            }
            assertThat(tree.get("absent".getBytes(StandardCharsets.UTF_8))).isNull();
            List<byte[]> scanned = new ArrayList<>();
            tree.scan(null, true, null, true, false, (key, value) -> {
                scanned.add(Keys.bytes(key));
                return true;
            });
            assertThat(scanned).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(scanned.get(i)).isEqualTo(input.get(i)[0]);
            }
            PageboxTreeStats stats = tree.stats("t");
            assertThat(stats.entries()).isEqualTo(count);
            if (count >= 5000 && maxValue <= 100) {
                // Conservative sizing (no prefix truncation counted) keeps nodes a little under the target.
                assertThat(stats.fillFactor()).as("fill of %s", stats).isBetween(fill - 0.15, fill + 0.01);
                assertThat(stats.height()).isGreaterThanOrEqualTo(2);
            }
            // The tree takes ordinary changes after the load.
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < 500 && count > 0; i++) {
                byte[][] entry = input.get(random.nextInt(count));
                if (random.nextBoolean()) {
                    tree.delete(entry[0], CommitMode.NONE);
                } else {
                    tree.put(entry[0], new byte[random.nextInt(50)], CommitMode.NONE);
                }
            }
            assertThat(tree.stats("t").entries()).isLessThanOrEqualTo(count);
        }
    }

    @Test
    void unsortedOrDuplicateKeysAreRejectedNamingThePositionAndNothingStaysAllocated() {
        try (TreeFixture fixture = new TreeFixture(16, PAGE_SIZE, false)) {
            long before = fixture.pages.allocatedPages();
            List<byte[][]> input = input(3000, 2000, new SplittableRandom(3));
            try (BulkLoader loader = fixture.tree.bulkLoader(0.9)) {
                for (int i = 0; i < 2500; i++) {
                    loader.add(input.get(i)[0], input.get(i)[1]);
                }
                assertThat(loader.pagesWritten()).isPositive();
                assertThatThrownBy(() -> loader.add(input.get(100)[0], new byte[1]))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("entry 2500 is not sorted")
                        .hasMessageContaining("sorts before the key of entry 2499");
                assertThatThrownBy(() -> loader.add(input.get(2499)[0], new byte[1]))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("entry 2500 is not sorted: its key equals the key of entry 2499");
            }
            assertThat(fixture.pages.allocatedPages())
                    .as("pages after the rejected load")
                    .isEqualTo(before);
            assertThat(fixture.tree.stats("t").entries()).isZero();
            assertThat(fixture.log.entries())
                    .extracting(RecordingLog.Entry::type)
                    .doesNotContain(TreeRecords.BULK_ATTACH);
        }
    }

    @Test
    void aTreeWrittenDuringTheLoadIsNotAttachedAndNothingStaysAllocated() {
        try (TreeFixture fixture = new TreeFixture(16, PAGE_SIZE, false)) {
            long before = fixture.pages.allocatedPages();
            try (BulkLoader loader = fixture.tree.bulkLoader(0.9)) {
                input(2000, 50, new SplittableRandom(4)).forEach(entry -> loader.add(entry[0], entry[1]));
                loader.finish();
                fixture.tree.put("zz".getBytes(StandardCharsets.UTF_8), new byte[3], CommitMode.NONE);
                assertThatThrownBy(loader::attach)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("no longer empty");
            }
            assertThat(fixture.pages.allocatedPages()).isEqualTo(before);
            assertThat(fixture.tree.stats("t").entries()).isEqualTo(1);
        }
    }

    @Test
    void anAttachRecordThatCannotBeLoggedLeavesTheRootEmptyAndFreesThePages() {
        try (TreeFixture fixture = new TreeFixture(16, PAGE_SIZE, false)) {
            TreeLog failing = new TreeLog() {
                @Override
                public LogClaim claim(int type, int length) {
                    if (type == TreeRecords.BULK_ATTACH) {
                        throw new IllegalStateException("the log is fenced");
                    }
                    return fixture.log.claim(type, length);
                }

                @Override
                public long commit(LogClaim claim, CommitMode mode) {
                    return fixture.log.commit(claim, mode);
                }

                @Override
                public void abort(LogClaim claim) {
                    fixture.log.abort(claim);
                }

                @Override
                public void flush(long lsn) {
                    fixture.log.flush(lsn);
                }

                @Override
                public void flushAll() {
                    fixture.log.flushAll();
                }

                @Override
                public long durableLsn() {
                    return fixture.log.durableLsn();
                }

                @Override
                public int maxPayloadSize() {
                    return fixture.log.maxPayloadSize();
                }

                @Override
                public RedoHolds.Hold hold() {
                    return fixture.log.hold();
                }
            };
            BTree tree = BTree.create(fixture.pool, failing, fixture.pages, TreeFixture.TREE_ID + 1);
            long before = fixture.pages.allocatedPages();
            List<byte[][]> input = input(3000, 50, new SplittableRandom(9));
            try (BulkLoader loader = tree.bulkLoader(0.9)) {
                input.forEach(entry -> loader.add(entry[0], entry[1]));
                loader.finish();
                assertThatThrownBy(loader::attach).hasMessage("the log is fenced");
            }
            assertThat(fixture.pages.allocatedPages()).isEqualTo(before);
            assertThat(tree.get(input.get(5)[0])).isNull();
            assertThat(tree.stats("t").entries()).isZero();
            tree.put(input.get(5)[0], input.get(5)[1], CommitMode.NONE);
            assertThat(tree.get(input.get(5)[0])).isEqualTo(input.get(5)[1]);
        }
    }

    @Test
    void redoOfTheAttachRecordGivesTheLivePagesByteForByte() {
        try (TreeFixture fixture = new TreeFixture(16, PAGE_SIZE, false)) {
            fixture.pool.writeDirtyPages();
            List<byte[][]> input = input(8000, 1500, new SplittableRandom(8));
            Set<Long> loaded = new HashSet<>();
            Set<Long> existing = fixture.pages.snapshot().keySet();
            try (BulkLoader loader = fixture.tree.bulkLoader(0.95)) {
                input.forEach(entry -> loader.add(entry[0], entry[1]));
                loader.finish();
                Map<Long, byte[]> before = fixture.pages.snapshot();
                int firstRecord = fixture.log.entries().size();
                loader.attach();
                fixture.pool.writeDirtyPages();
                Map<Long, byte[]> after = fixture.pages.snapshot();
                List<RecordingLog.Entry> records = fixture.log
                        .entries()
                        .subList(firstRecord, fixture.log.entries().size());
                assertThat(records).extracting(RecordingLog.Entry::type).containsExactly(TreeRecords.BULK_ATTACH);

                Map<Long, MemorySegment> redone = new HashMap<>();
                before.forEach((id, bytes) -> redone.put(id, NodeEdits.copyOf(MemorySegment.ofArray(bytes))));
                RecordingLog.Entry record = records.getFirst();
                TreeRedo.apply(record.type(), MemorySegment.ofArray(record.payload()), record.lsn(), new RedoPages() {
                    @Override
                    public MemorySegment page(long pageId) {
                        return redone.get(pageId);
                    }

                    @Override
                    public MemorySegment pageForImage(long pageId) {
                        return redone.get(pageId);
                    }

                    @Override
                    public void allocated(int treeId, long pageId) {
                        assertThat(treeId).isEqualTo(TreeFixture.TREE_ID);
                        loaded.add(pageId);
                    }

                    @Override
                    public void freed(long pageId) {
                        throw new AssertionError("a bulk load frees nothing: " + pageId);
                    }
                });
                long rootLsn = PageHeaderLayout.pageLsn(redone.get(fixture.tree.rootPageId()));
                assertThat(rootLsn).isEqualTo(record.lsn());
                assertThat(loaded).hasSize((int) loader.pagesWritten());
                int compared = 0;
                for (Map.Entry<Long, byte[]> page : after.entrySet()) {
                    assertThat(redone).as("page %d", page.getKey()).containsKey(page.getKey());
                    assertThat(withoutChecksum(redone.get(page.getKey()).toArray(ValueLayout.JAVA_BYTE)))
                            .as("page %d after redo", page.getKey())
                            .isEqualTo(withoutChecksum(page.getValue()));
                    compared++;
                }
                assertThat(compared).isGreaterThan(100);
                Set<Long> expected = new HashSet<>(after.keySet());
                expected.removeAll(existing);
                assertThat(loaded)
                        .as("redo marks exactly the loaded pages allocated")
                        .isEqualTo(expected);
                long overflow = after.values().stream()
                        .filter(p -> PageHeaderLayout.typeCode(MemorySegment.ofArray(p)) == PageType.OVERFLOW.code())
                        .count();
                assertThat(overflow).as("large values went to overflow pages").isPositive();
            }
        }
    }

    /** Sorted distinct keys of varied lengths with shared prefixes, and values of 0 to {@code maxValue} bytes. */
    static List<byte[][]> input(int count, int maxValue, SplittableRandom random) {
        List<byte[][]> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = String.format("key-%08d", i * 3L) + "x".repeat(random.nextInt(30));
            byte[] value = new byte[random.nextInt(maxValue + 1)];
            random.nextBytes(value);
            entries.add(new byte[][] {key.getBytes(StandardCharsets.UTF_8), value});
        }
        return entries;
    }

    private static byte[] withoutChecksum(byte[] page) {
        byte[] copy = page.clone();
        Arrays.fill(copy, 8, 12, (byte) 0);
        return copy;
    }
}
