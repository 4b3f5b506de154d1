/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.PageboxTreeStats;
import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.page.PageHeaderLayout;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Walks over every node of a tree, level by level and left to right, each node read optimistically and taken once
 * it was read consistently: no latch is held, so writers go on (and a busy tree's figures are approximate). The
 * next node of a level is found by descending with the upper fence of the last one plus a zero byte.
 */
final class LevelWalks {
    /** Where a level walk starts: below every key. */
    private static final MemorySegment FIRST = MemorySegment.ofArray(new byte[0]);

    /** Returned by a step of a level walk when the level is done. */
    private static final MemorySegment END = MemorySegment.ofArray(new byte[0]);

    private final TreeAccess access;
    private final Frames frames;
    private final OverflowValues overflow;

    LevelWalks(TreeAccess access, OverflowValues overflow) {
        this.access = access;
        this.frames = access.frames();
        this.overflow = overflow;
    }

    /** Counts pages, entries and bytes level by level, for the tree with this name. */
    PageboxTreeStats stats(String name) {
        int height = height();
        StatsWalk walk = new StatsWalk();
        for (int level = 0; level < height; level++) {
            walkLevel(level, walk);
        }
        long pages = walk.inner + walk.leaves;
        return new PageboxTreeStats(
                name,
                height,
                walk.inner,
                walk.leaves,
                walk.overflowPages,
                walk.entries,
                walk.used,
                pages * access.pageSize());
    }

    /**
     * Reports the id of every page of the tree: its nodes, level by level, and its overflow chains. For dropping the
     * tree: the caller keeps writers out, since a split during the walk could hide a page from it.
     *
     * @param sink receives each page id once
     */
    void forEachPage(LongConsumer sink) {
        int height = height();
        PagesWalk walk = new PagesWalk(sink);
        for (int level = 0; level < height; level++) {
            walkLevel(level, walk);
        }
    }

    private int height() {
        return access.untilValid(new Descent(), d -> {
            if (!access.descend(null, Integer.MAX_VALUE, d)) {
                return null;
            }
            int level = NodeLayout.level(frames.page(d.frame));
            return frames.validate(d.frame, d.stamp) ? level + 1 : null;
        });
    }

    /** What a walk over one level does with each node: read it optimistically, then take what was valid. */
    private interface LevelWalk {
        /** Reads a node; the read may be torn and is then repeated. */
        void read(MemorySegment page);

        /** The last read was consistent. */
        void accept();
    }

    /** Visits the nodes of one level left to right, each read once consistently. */
    private void walkLevel(int level, LevelWalk walk) {
        Descent d = new Descent();
        MemorySegment from = FIRST;
        while (from != END) {
            MemorySegment start = from;
            from = access.untilValid(d, attempt -> visitNode(start, level, walk, attempt));
        }
    }

    /** Visits the node of {@code level} holding {@code from}; returns where the next one starts, or {@link #END}. */
    private @Nullable MemorySegment visitNode(MemorySegment from, int level, LevelWalk walk, Descent d) {
        if (!access.descend(from, level, d)) {
            return null;
        }
        MemorySegment page = frames.page(d.frame);
        if (NodeLayout.level(page) != level) {
            return END; // the tree lost a level meanwhile
        }
        walk.read(page);
        byte @Nullable [] upper = Node.upperFence(page);
        if (!frames.validate(d.frame, d.stamp)) {
            return null;
        }
        walk.accept();
        return upper == null ? END : MemorySegment.ofArray(Arrays.copyOf(upper, upper.length + 1));
    }

    /** Sums the sizes of {@link #stats()}. */
    private final class StatsWalk implements LevelWalk {
        long inner;
        long leaves;
        long overflowPages;
        long entries;
        long used;
        private boolean leaf;
        private int count;
        private long nodeUsed;
        private long nodeOverflowPages;

        @Override
        public void read(MemorySegment page) {
            leaf = Node.isLeaf(page);
            count = Node.count(page, Node.slotSize(page));
            nodeUsed = Node.usedBytes(page);
            nodeOverflowPages = 0;
            for (int i = 0; leaf && i < count; i++) {
                if (Node.isOverflow(page, i)) {
                    nodeOverflowPages += overflow.pagesFor(
                            OverflowRef.read(page, Node.valueOffset(page, i)).length());
                }
            }
        }

        @Override
        public void accept() {
            if (leaf) {
                leaves++;
                entries += count;
            } else {
                inner++;
            }
            overflowPages += nodeOverflowPages;
            used += nodeUsed;
        }
    }

    /** Reports page ids for {@link #forEachPage}: the node's, then its overflow chains' (read from disk). */
    private final class PagesWalk implements LevelWalk {
        private final LongConsumer sink;
        private final List<OverflowRef> refs = new ArrayList<>();
        private long pageId;

        PagesWalk(LongConsumer sink) {
            this.sink = sink;
        }

        @Override
        public void read(MemorySegment page) {
            pageId = PageHeaderLayout.pageId(page);
            refs.clear();
            if (Node.isLeaf(page)) {
                int count = Node.count(page, Node.slotSize(page));
                for (int i = 0; i < count; i++) {
                    if (Node.isOverflow(page, i)) {
                        refs.add(OverflowRef.read(page, Node.valueOffset(page, i)));
                    }
                }
            }
        }

        @Override
        public void accept() {
            sink.accept(pageId);
            for (OverflowRef ref : refs) {
                for (long page : overflow.chain(ref)) {
                    sink.accept(page);
                }
            }
        }
    }
}
