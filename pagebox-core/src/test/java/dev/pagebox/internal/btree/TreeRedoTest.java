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

    @ParameterizedTest(name = "seed {0}, full page images {1}")
    @CsvSource({"11, false", "12, true", "13, false", "14, true"})
    void replayingTheLogOverThePreImagesGivesTheSamePages(long seed, boolean fullPageImages) {
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
            for (int i = 0; i < 4_000; i++) {
                byte[] key = keys.next();
                int op = random.nextInt(10);
                if (op < 5) {
                    tree.put(key, BTreeDifferentialTest.value(random), CommitMode.NONE);
                } else if (op < 6) {
                    tree.insert(key, BTreeDifferentialTest.value(random), CommitMode.NONE);
                } else {
                    tree.delete(key, CommitMode.NONE);
                }
            }
            fixture.pool.writeDirtyPages();
            Map<Long, byte[]> after = fixture.pages.snapshot();
            List<RecordingLog.Entry> records = fixture.log
                    .entries()
                    .subList(firstRecord, fixture.log.entries().size());

            MapPages redo = new MapPages(before);
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
            assertThat(records.stream().map(RecordingLog.Entry::type))
                    .contains(TreeRecords.SPLIT, TreeRecords.MERGE, TreeRecords.DELETE, TreeRecords.PUT);
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

        MapPages(Map<Long, byte[]> initial) {
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
    }
}
