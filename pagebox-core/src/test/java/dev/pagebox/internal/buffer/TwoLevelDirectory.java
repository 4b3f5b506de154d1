/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.internal.latch.HybridLatch;
import dev.pagebox.internal.mem.Words;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.swip.SwipWord;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The smallest data structure that exercises the pool like a tree does: pinned root pages holding swips to
 * leaf pages. A leaf names its root and slot (so its parent is found like a tree finds one by key) and holds
 * a counter, a payload derived from (page id, counter) and a CRC of both, so any lost, stale or torn write
 * shows.
 */
final class TwoLevelDirectory implements PageOwner {
    static final int TREE_ID = 42;
    static final long SLOTS_OFFSET = PageHeaderLayout.SIZE;
    private static final int ROOT = 32;
    private static final int SLOT = 36;
    private static final int COUNTER = 40;
    private static final int PAYLOAD = 48;

    private final BufferPool pool;
    private final int slotsPerRoot;
    private final long[] rootPageIds;
    /** The frames of the pinned roots, -1 until a root is fixed; a leaf is resident only below a fixed root. */
    private final AtomicIntegerArray rootFrames;

    private TwoLevelDirectory(BufferPool pool, int slotsPerRoot, long[] rootPageIds) {
        this.pool = pool;
        this.slotsPerRoot = slotsPerRoot;
        this.rootPageIds = rootPageIds;
        this.rootFrames = new AtomicIntegerArray(rootPageIds.length);
        for (int root = 0; root < rootPageIds.length; root++) {
            rootFrames.set(root, -1);
        }
    }

    /** Creates roots and leaves; every leaf starts at counter 0. */
    static TwoLevelDirectory create(BufferPool pool, int roots, int slotsPerRoot) {
        long[] rootIds = new long[roots];
        TwoLevelDirectory directory = new TwoLevelDirectory(pool, slotsPerRoot, rootIds);
        pool.frames().registerOwner(TREE_ID, directory);
        for (int r = 0; r < roots; r++) {
            int root = pool.newPage(TREE_ID, PageType.BTREE_INNER, RedoHolds.CLOSED);
            rootIds[r] = pool.frames().pageId(root);
            pool.pin(root);
            directory.rootFrames.set(r, root);
            pool.frames().unlockExclusive(root);
            for (int slot = 0; slot < slotsPerRoot; slot++) {
                // Allocate without holding the root: evicting earlier leaves needs to latch it.
                int leaf = pool.newPage(TREE_ID, PageType.BTREE_LEAF, RedoHolds.CLOSED);
                MemorySegment page = pool.frames().page(leaf);
                page.asByteBuffer()
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(ROOT, r)
                        .putInt(SLOT, slot);
                writeContent(page, pool.frames().pageId(leaf), 0);
                pool.frames().lockExclusive(root);
                Words.setRelease(pool.frames().page(root), slotOffset(slot), SwipWord.hot(leaf));
                pool.frames().markDirty(root);
                pool.frames().unlockExclusive(root);
                pool.frames().unlockExclusive(leaf);
            }
        }
        return directory;
    }

    /** Attaches to roots written by an earlier pool. */
    static TwoLevelDirectory open(BufferPool pool, long[] rootPageIds, int slotsPerRoot) {
        TwoLevelDirectory directory = new TwoLevelDirectory(pool, slotsPerRoot, rootPageIds.clone());
        pool.frames().registerOwner(TREE_ID, directory);
        return directory;
    }

    long[] rootPageIds() {
        return rootPageIds.clone();
    }

    int leaves() {
        return rootPageIds.length * slotsPerRoot;
    }

    static long slotOffset(int slot) {
        return SLOTS_OFFSET + (long) slot * Long.BYTES;
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
        long fromFirst = offset - SLOTS_OFFSET;
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
        ByteBuffer leaf = frames.page(frame).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int root = leaf.getInt(ROOT);
        int slot = leaf.getInt(SLOT);
        if (!frames.validate(frame, childStamp)
                || root < 0
                || root >= rootPageIds.length
                || slot < 0
                || slot >= slotsPerRoot) {
            return null;
        }
        int parent = rootFrames.get(root);
        long parentStamp = parent < 0 ? HybridLatch.NO_STAMP : frames.tryOptimistic(parent);
        if (parentStamp == HybridLatch.NO_STAMP) {
            return null;
        }
        long swip = Words.getAcquire(frames.page(parent), slotOffset(slot));
        if (!SwipWord.isResident(swip) || SwipWord.frameIndex(swip) != frame || !frames.validate(parent, parentStamp)) {
            return null;
        }
        return new ParentRef(parent, parentStamp, slotOffset(slot));
    }

    /** Fixes a root, remembering its frame for {@link #findParent}. */
    private int fixRoot(int root) {
        int frame = pool.fixPinned(rootPageIds[root]);
        rootFrames.set(root, frame);
        return frame;
    }

    /** A leaf latched exclusively (lock coupling from its root); returns its frame. */
    int lockLeafExclusive(int leafNumber) {
        while (true) {
            int root = fixRoot(leafNumber / slotsPerRoot);
            long stamp = pool.frames().optimistic(root);
            int leaf = pool.resolve(root, stamp, slotOffset(leafNumber % slotsPerRoot));
            if (leaf == BufferPool.RESTART) {
                continue;
            }
            pool.frames().lockExclusive(leaf);
            if (pool.frames().validate(root, stamp)) {
                return leaf;
            }
            pool.frames().unlockExclusive(leaf);
        }
    }

    /** Reads a leaf's counter optimistically, checking its content; restarts until a read validates. */
    long readCounter(int leafNumber) {
        while (true) {
            int root = fixRoot(leafNumber / slotsPerRoot);
            long stamp = pool.frames().optimistic(root);
            int leaf = pool.resolve(root, stamp, slotOffset(leafNumber % slotsPerRoot));
            if (leaf == BufferPool.RESTART) {
                continue;
            }
            long leafStamp = pool.frames().optimistic(leaf);
            if (!pool.frames().validate(root, stamp)) {
                continue;
            }
            MemorySegment page = pool.frames().page(leaf);
            long counter = page.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getLong(COUNTER);
            boolean intact = contentMatches(page, pool.frames().pageId(leaf), counter);
            if (pool.frames().validate(leaf, leafStamp)) {
                if (!intact) {
                    throw new AssertionError("leaf " + leafNumber + " has torn content at counter " + counter);
                }
                return counter;
            }
        }
    }

    /** Increments a leaf's counter under its exclusive latch; returns the new value. */
    long increment(int leafNumber, long lsn) {
        int leaf = lockLeafExclusive(leafNumber);
        try {
            MemorySegment page = pool.frames().page(leaf);
            long counter = page.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getLong(COUNTER) + 1;
            writeContent(page, pool.frames().pageId(leaf), counter);
            PageHeaderLayout.setPageLsn(page, lsn);
            pool.frames().markDirty(leaf);
            return counter;
        } finally {
            pool.frames().unlockExclusive(leaf);
        }
    }

    private static void writeContent(MemorySegment page, long pageId, long counter) {
        ByteBuffer buffer = page.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(COUNTER, counter);
        long seed = pageId * 0x9E3779B97F4A7C15L + counter;
        for (int offset = PAYLOAD; offset < page.byteSize() - Long.BYTES; offset += Long.BYTES) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            buffer.putLong(offset, seed);
        }
        buffer.putLong((int) page.byteSize() - Long.BYTES, crc(buffer));
    }

    private static boolean contentMatches(MemorySegment page, long pageId, long counter) {
        ByteBuffer buffer = page.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.getLong((int) page.byteSize() - Long.BYTES) != crc(buffer)) {
            return false;
        }
        long seed = pageId * 0x9E3779B97F4A7C15L + counter;
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        return buffer.getLong(PAYLOAD) == seed;
    }

    private static long crc(ByteBuffer page) {
        CRC32C crc = new CRC32C();
        crc.update(page.duplicate().position(ROOT).limit(page.capacity() - Long.BYTES));
        return crc.getValue();
    }
}
