/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Redo reproduces the run: the records logged by a random sequence, applied to the pages as they were on disk
 * before it, give byte for byte the pages the pool wrote after it (the checksum field aside), and report the
 * same allocations and frees.
 */
class TreeRedoTest {
    private static final int PAGE_SIZE = 4096;
    /** The LSN the batch steps name; the batch's record itself is not in the recording. */
    private static final long BATCH_LSN = 8;

    @ParameterizedTest(name = "seed {0}, full page images {1}, as batch steps {2}")
    @CsvSource({"11, false, false", "12, true, false", "13, false, true", "14, true, true"})
    void replayingTheLogOverThePreImagesGivesTheSamePages(long seed, boolean fullPageImages, boolean batchSteps) {
        SplittableRandom random = new SplittableRandom(seed);
        try (TreeFixture fixture = new TreeFixture(24, PAGE_SIZE, false)) {
            BTree tree = fixture.tree;
            BTreeDifferentialTest.KeyGenerator keys =
                    new BTreeDifferentialTest.KeyGenerator(random, tree.maxKeyLength());
            for (int i = 0; i < 2_000; i++) {
                tree.put(keys.next(), BTreeDifferentialTest.value(random), CommitMode.NONE);
            }
            fixture.pool.writeDirtyPages();
            Map<Long, byte[]> before = fixture.pages.snapshot();
            int firstRecord = fixture.log.entries().size();
            if (fullPageImages) {
                fixture.pool.setFullImageThreshold(Long.MAX_VALUE); // every page's first change logs its image
            }
            // As batch steps, the changes are logged without their keys and values, which redo reads from the
            // batch entries (here a map standing in for the batch records).
            Map<Integer, RedoPages.BatchEntry> steps = new HashMap<>();
            for (int i = 0; i < 4_000; i++) {
                byte[] key = keys.next();
                int op = random.nextInt(10);
                BatchTag tag = new BatchTag(BATCH_LSN, i);
                if (op < 5) {
                    byte[] value = BTreeDifferentialTest.value(random);
                    if (batchSteps) {
                        steps.put(i, new RedoPages.BatchEntry(key, value));
                        tree.put(key, value, CommitMode.NONE, tag);
                    } else {
                        tree.put(key, value, CommitMode.NONE);
                    }
                } else if (op < 6 && !batchSteps) {
                    tree.insert(key, BTreeDifferentialTest.value(random), CommitMode.NONE);
                } else if (batchSteps) {
                    steps.put(i, new RedoPages.BatchEntry(key, null));
                    tree.delete(key, CommitMode.NONE, tag);
                } else {
                    tree.delete(key, CommitMode.NONE);
                }
            }
            fixture.pool.writeDirtyPages();
            Map<Long, byte[]> after = fixture.pages.snapshot();
            List<RecordingLog.Entry> records = fixture.log
                    .entries()
                    .subList(firstRecord, fixture.log.entries().size());

            MapPages redo = new MapPages(before, steps);
            for (RecordingLog.Entry record : records) {
                TreeRedo.apply(record.type(), MemorySegment.ofArray(record.payload()), record.lsn(), redo);
            }

            int compared = 0;
            for (Map.Entry<Long, byte[]> page : after.entrySet()) {
                int type = PageHeaderLayout.typeCode(MemorySegment.ofArray(page.getValue()));
                if (type != PageType.BTREE_LEAF.code() && type != PageType.BTREE_INNER.code()) {
                    continue;
                }
                assertThat(redo.pages).as("page %d", page.getKey()).containsKey(page.getKey());
                assertThat(withoutChecksum(
                                redo.pages.get(page.getKey()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)))
                        .as("page %d after redo", page.getKey())
                        .isEqualTo(withoutChecksum(page.getValue()));
                compared++;
            }
            assertThat(compared).isGreaterThan(20);
            for (long freed : redo.freed) {
                assertThat(fixture.pages.isAllocated(freed) && !redo.allocated.contains(freed))
                        .as("page %d freed by redo is free", freed)
                        .isFalse();
            }
            if (batchSteps) {
                assertThat(records.stream().map(RecordingLog.Entry::type))
                        .contains(TreeRecords.SPLIT, TreeRecords.MERGE, TreeRecords.BATCH_DELETE, TreeRecords.BATCH_PUT)
                        .doesNotContain(TreeRecords.PUT, TreeRecords.DELETE);
                assertThat(redo.stepsSeen).as("every step reported to recovery").hasSize(4_000);
            } else {
                assertThat(records.stream().map(RecordingLog.Entry::type))
                        .contains(TreeRecords.SPLIT, TreeRecords.MERGE, TreeRecords.DELETE, TreeRecords.PUT);
            }
            if (fullPageImages) {
                assertThat(records.stream().map(RecordingLog.Entry::type)).contains(TreeRecords.IMAGE);
            }
        }
    }

    private static byte[] withoutChecksum(byte[] page) {
        byte[] copy = page.clone();
        Arrays.fill(copy, 8, 12, (byte) 0);
        return copy;
    }

    /** Pages in a map, as recovery would hold them. */
    private static final class MapPages implements RedoPages {
        final Map<Long, MemorySegment> pages = new HashMap<>();
        final Set<Long> allocated = new HashSet<>();
        final Set<Long> freed = new HashSet<>();

        final Map<Integer, RedoPages.BatchEntry> steps;
        final Set<Integer> stepsSeen = new HashSet<>();

        MapPages(Map<Long, byte[]> initial, Map<Integer, RedoPages.BatchEntry> steps) {
            this.steps = steps;
            initial.forEach((id, bytes) -> pages.put(id, NodeEdits.copyOf(MemorySegment.ofArray(bytes))));
        }

        @Override
        public MemorySegment page(long pageId) {
            MemorySegment page = pages.get(pageId);
            assertThat(page)
                    .as("redo changes page %d, which was never written", pageId)
                    .isNotNull();
            return page;
        }

        @Override
        public MemorySegment pageForImage(long pageId) {
            return pages.computeIfAbsent(pageId, id -> MemorySegment.ofArray(new long[PAGE_SIZE / Long.BYTES]));
        }

        @Override
        public void allocated(int treeId, long pageId) {
            allocated.add(pageId);
            freed.remove(pageId);
        }

        @Override
        public void freed(long pageId) {
            freed.add(pageId);
            allocated.remove(pageId);
        }

        @Override
        public void batchStep(long batchLsn, int step) {
            assertThat(batchLsn).isEqualTo(BATCH_LSN);
            stepsSeen.add(step);
        }

        @Override
        public RedoPages.BatchEntry batchEntry(long batchLsn, int step) {
            assertThat(batchLsn).isEqualTo(BATCH_LSN);
            return steps.get(step);
        }
    }
}
