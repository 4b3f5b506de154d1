/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.buffer;

import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.buffer.PageOwner;
import dev.pagebox.internal.latch.HybridLatch;
import dev.pagebox.internal.mem.Words;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.swip.SwipWord;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The smallest tree-shaped owner of pages (the benchmark twin of core's {@code TwoLevelDirectory} test
 * double): pinned root pages whose slots are swips to leaf pages. A leaf names its root and slot, so its parent
 * is found as a tree finds one by key, and carries a counter. The store is written directly, without the pool,
 * so building hundreds of MiB takes a second.
 */
final class LeafDirectory implements PageOwner {
    static final int TREE_ID = 7;
    private static final long SLOTS = PageHeaderLayout.SIZE;
    private static final long ROOT = PageHeaderLayout.SIZE;
    private static final long SLOT = ROOT + Integer.BYTES;
    /** Offset of a leaf's counter. */
    static final long COUNTER = SLOT + Integer.BYTES;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private final int slotsPerRoot;
    private final long[] rootPageIds;
    private final long[] leafPageIds;
    private int[] rootFrames = new int[0];

    private LeafDirectory(int slotsPerRoot, long[] rootPageIds, long[] leafPageIds) {
        this.slotsPerRoot = slotsPerRoot;
        this.rootPageIds = rootPageIds;
        this.leafPageIds = leafPageIds;
    }

    /**
     * Writes {@code leaves} leaf pages and the roots that reference them into an empty store, and syncs it.
     *
     * @param store an empty store
     * @param leaves how many leaves
     * @return the directory, not attached to a pool yet
     */
    static LeafDirectory build(PageStore store, int leaves) {
        int pageSize = store.pageSize();
        int slotsPerRoot = (int) ((pageSize - SLOTS) / Long.BYTES);
        int roots = (leaves + slotsPerRoot - 1) / slotsPerRoot;
        long[] leafIds = new long[leaves];
        long[] rootIds = new long[roots];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(pageSize, pageSize);
            for (int leaf = 0; leaf < leaves; leaf++) {
                leafIds[leaf] = store.allocator().allocate(RedoHolds.CLOSED);
                page.fill((byte) 0);
                PageHeaderLayout.initialize(page, leafIds[leaf], PageType.BTREE_LEAF, TREE_ID);
                page.set(INT, ROOT, leaf / slotsPerRoot);
                page.set(INT, SLOT, leaf % slotsPerRoot);
                for (long offset = COUNTER + Long.BYTES; offset + Long.BYTES <= pageSize; offset += Long.BYTES) {
                    page.set(LONG, offset, leafIds[leaf] * 0x9E3779B97F4A7C15L + offset);
                }
                store.writePage(leafIds[leaf], page);
            }
            for (int root = 0; root < roots; root++) {
                rootIds[root] = store.allocator().allocate(RedoHolds.CLOSED);
                page.fill((byte) 0);
                PageHeaderLayout.initialize(page, rootIds[root], PageType.BTREE_INNER, TREE_ID);
                for (int slot = 0; slot < slotsPerRoot; slot++) {
                    int leaf = root * slotsPerRoot + slot;
                    long swip = leaf < leaves ? SwipWord.evicted(leafIds[leaf]) : SwipWord.NONE;
                    page.set(LONG, slotOffset(slot), swip);
                }
                store.writePage(rootIds[root], page);
            }
        }
        store.sync();
        return new LeafDirectory(slotsPerRoot, rootIds, leafIds);
    }

    /** Registers with the pool and fixes (pins) every root. */
    void attach(BufferPool pool) {
        pool.frames().registerOwner(TREE_ID, this);
        int[] frames = new int[rootPageIds.length];
        for (int root = 0; root < frames.length; root++) {
            frames[root] = pool.fixPinned(rootPageIds[root]);
        }
        rootFrames = frames;
    }

    int leaves() {
        return leafPageIds.length;
    }

    long leafPageId(int leaf) {
        return leafPageIds[leaf];
    }

    /** The frame of the pinned root above a leaf. */
    int rootFrameOf(int leaf) {
        return rootFrames[leaf / slotsPerRoot];
    }

    /** The offset of a leaf's swip in its root. */
    long swipOffsetOf(int leaf) {
        return slotOffset(leaf % slotsPerRoot);
    }

    private static long slotOffset(int slot) {
        return SLOTS + (long) slot * Long.BYTES;
    }

    @Override
    public void forEachChildSwip(MemorySegment page, LongConsumer visitor) {
        if (PageHeaderLayout.typeCode(page) == PageType.BTREE_INNER.code()) {
            for (int slot = 0; slot < slotsPerRoot; slot++) {
                visitor.accept(slotOffset(slot));
            }
        }
    }

    @Override
    public boolean isChildSwip(MemorySegment page, long offset) {
        long fromFirst = offset - SLOTS;
        return PageHeaderLayout.typeCode(page) == PageType.BTREE_INNER.code()
                && fromFirst >= 0
                && fromFirst % Long.BYTES == 0
                && fromFirst / Long.BYTES < slotsPerRoot;
    }

    @Override
    public PageOwner.@Nullable ParentRef findParent(Frames frames, int frame) {
        long childStamp = frames.tryOptimistic(frame);
        if (childStamp == HybridLatch.NO_STAMP) {
            return null;
        }
        MemorySegment leaf = frames.page(frame);
        int root = leaf.get(INT, ROOT);
        int slot = leaf.get(INT, SLOT);
        if (!frames.validate(frame, childStamp)
                || root < 0
                || root >= rootFrames.length
                || slot < 0
                || slot >= slotsPerRoot) {
            return null;
        }
        int parent = rootFrames[root];
        long parentStamp = frames.tryOptimistic(parent);
        if (parentStamp == HybridLatch.NO_STAMP) {
            return null;
        }
        long swip = Words.getAcquire(frames.page(parent), slotOffset(slot));
        if (!SwipWord.isResident(swip) || SwipWord.frameIndex(swip) != frame || !frames.validate(parent, parentStamp)) {
            return null;
        }
        return new ParentRef(parent, parentStamp, slotOffset(slot));
    }

    /**
     * Reads a leaf's counter through its root: optimistic read of the root, swip resolution (a fault if the
     * leaf is evicted), optimistic read of the leaf, both validated. Checks that the frame holds the right page.
     *
     * @param pool the pool
     * @param leaf the leaf number
     * @return the counter
     */
    long readCounter(BufferPool pool, int leaf) {
        int root = rootFrameOf(leaf);
        long swipOffset = swipOffsetOf(leaf);
        while (true) {
            long rootStamp = pool.frames().optimistic(root);
            int frame = pool.resolve(root, rootStamp, swipOffset);
            if (frame == BufferPool.RESTART) {
                continue;
            }
            long leafStamp = pool.frames().optimistic(frame);
            if (!pool.frames().validate(root, rootStamp)) {
                continue;
            }
            MemorySegment page = pool.frames().page(frame);
            long pageId = PageHeaderLayout.pageId(page);
            long counter = page.get(LONG, COUNTER);
            if (pool.frames().validate(frame, leafStamp)) {
                checkIdentity(leaf, pageId);
                return counter;
            }
        }
    }

    /**
     * Increments a leaf's counter under its exclusive latch (lock coupling from the root) and marks it dirty.
     *
     * @param pool the pool
     * @param leaf the leaf number
     * @return the new counter
     */
    long increment(BufferPool pool, int leaf) {
        int root = rootFrameOf(leaf);
        long swipOffset = swipOffsetOf(leaf);
        while (true) {
            long rootStamp = pool.frames().optimistic(root);
            int frame = pool.resolve(root, rootStamp, swipOffset);
            if (frame == BufferPool.RESTART) {
                continue;
            }
            pool.frames().lockExclusive(frame);
            if (!pool.frames().validate(root, rootStamp)) {
                pool.frames().unlockExclusive(frame);
                continue;
            }
            try {
                MemorySegment page = pool.frames().page(frame);
                checkIdentity(leaf, PageHeaderLayout.pageId(page));
                long counter = page.get(LONG, COUNTER) + 1;
                page.set(LONG, COUNTER, counter);
                pool.frames().markDirty(frame);
                return counter;
            } finally {
                pool.frames().unlockExclusive(frame);
            }
        }
    }

    /** Is the swip of a leaf evicted right now (its next resolution a fault)? */
    boolean isEvicted(BufferPool pool, int leaf) {
        return SwipWord.isEvicted(Words.getAcquire(pool.frames().page(rootFrameOf(leaf)), swipOffsetOf(leaf)));
    }

    private void checkIdentity(int leaf, long pageId) {
        if (pageId != leafPageIds[leaf]) {
            throw new IllegalStateException(
                    "leaf " + leaf + " resolved to page " + pageId + ", expected " + leafPageIds[leaf]);
        }
    }
}
