/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.internal.latch.HybridLatch;
import dev.pagebox.internal.mem.Words;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.swip.SwipWord;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The smallest data structure that exercises the pool like a tree does (a {@link PageOwner} test double, shared with
 * the benchmarks through core's test jar): pinned root pages holding swips to leaf pages. A leaf names its root and
 * slot (so its parent is found like a tree finds one by key) and holds a counter, a payload derived from (page id,
 * counter) and a CRC of both, so any lost, stale or torn write shows ({@link #readCounter}, {@link #increment}).
 * Benchmarks read and bump the bare counter instead ({@link #readCounterUnchecked}, {@link #incrementUnchecked}),
 * which measures the pool rather than the check.
 */
public final class TwoLevelDirectory implements PageOwner {
    /** The tree id in the pages' headers. */
    public static final int TREE_ID = 42;

    /** Offset of the first swip in a root page. */
    static final long SLOTS_OFFSET = PageHeaderLayout.SIZE;

    private static final int ROOT = 32;
    private static final int SLOT = 36;

    /** Offset of a leaf's counter, a little-endian long. */
    public static final int COUNTER = 40;

    private static final int PAYLOAD = 48;

    private final int slotsPerRoot;
    private final long[] rootPageIds;
    /** The frames of the pinned roots, -1 until a root is fixed; a leaf is resident only below a fixed root. */
    private final AtomicIntegerArray rootFrames;
    /** The leaves' page ids, where this directory made them; else null. */
    private final long @Nullable [] leafPageIds;

    private @Nullable BufferPool pool;

    private TwoLevelDirectory(int slotsPerRoot, long[] rootPageIds, long @Nullable [] leafPageIds) {
        this.slotsPerRoot = slotsPerRoot;
        this.rootPageIds = rootPageIds;
        this.leafPageIds = leafPageIds;
        this.rootFrames = new AtomicIntegerArray(rootPageIds.length);
        for (int root = 0; root < rootPageIds.length; root++) {
            rootFrames.set(root, -1);
        }
    }

    /** Creates roots and leaves through the pool; every leaf starts at counter 0. */
    static TwoLevelDirectory create(BufferPool pool, int roots, int slotsPerRoot) {
        long[] rootIds = new long[roots];
        long[] leafIds = new long[roots * slotsPerRoot];
        TwoLevelDirectory directory = new TwoLevelDirectory(slotsPerRoot, rootIds, leafIds);
        directory.pool = pool;
        Frames frames = pool.frames();
        frames.registerOwner(TREE_ID, directory);
        for (int r = 0; r < roots; r++) {
            int root = pool.newPage(TREE_ID, PageType.BTREE_INNER, RedoHolds.CLOSED);
            rootIds[r] = frames.pageId(root);
            pool.pin(root);
            directory.rootFrames.set(r, root);
            frames.unlockExclusive(root);
            for (int slot = 0; slot < slotsPerRoot; slot++) {
                // Allocate without holding the root: evicting earlier leaves needs to latch it.
                int leaf = pool.newPage(TREE_ID, PageType.BTREE_LEAF, RedoHolds.CLOSED);
                MemorySegment page = frames.page(leaf);
                leafIds[r * slotsPerRoot + slot] = frames.pageId(leaf);
                writeLeaf(page, r, slot, frames.pageId(leaf));
                frames.lockExclusive(root);
                Words.setRelease(frames.page(root), slotOffset(slot), SwipWord.hot(leaf));
                frames.markDirty(root);
                frames.unlockExclusive(root);
                frames.unlockExclusive(leaf);
            }
        }
        return directory;
    }

    /** Attaches to roots written by an earlier pool; roots are fixed as leaves are reached. */
    static TwoLevelDirectory open(BufferPool pool, long[] rootPageIds, int slotsPerRoot) {
        TwoLevelDirectory directory = new TwoLevelDirectory(slotsPerRoot, rootPageIds.clone(), null);
        directory.pool = pool;
        pool.frames().registerOwner(TREE_ID, directory);
        return directory;
    }

    /**
     * Writes {@code leaves} leaf pages (counter 0) and the roots that reference them straight into an empty store,
     * without a pool, and syncs it: building hundreds of MiB takes a second. {@link #attach} it to a pool next.
     *
     * @param store an empty store
     * @param leaves how many leaves
     * @return the directory, not attached to a pool yet
     */
    public static TwoLevelDirectory build(PageStore store, int leaves) {
        int pageSize = store.pageSize();
        int slotsPerRoot = (int) ((pageSize - SLOTS_OFFSET) / Long.BYTES);
        int roots = (leaves + slotsPerRoot - 1) / slotsPerRoot;
        long[] leafIds = new long[leaves];
        long[] rootIds = new long[roots];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(pageSize, pageSize);
            for (int leaf = 0; leaf < leaves; leaf++) {
                leafIds[leaf] = store.allocator().allocate(RedoHolds.CLOSED);
                page.fill((byte) 0);
                PageHeaderLayout.initialize(page, leafIds[leaf], PageType.BTREE_LEAF, TREE_ID);
                writeLeaf(page, leaf / slotsPerRoot, leaf % slotsPerRoot, leafIds[leaf]);
                store.writePage(leafIds[leaf], page);
            }
            for (int root = 0; root < roots; root++) {
                rootIds[root] = store.allocator().allocate(RedoHolds.CLOSED);
                page.fill((byte) 0);
                PageHeaderLayout.initialize(page, rootIds[root], PageType.BTREE_INNER, TREE_ID);
                for (int slot = 0; slot < slotsPerRoot; slot++) {
                    int leaf = root * slotsPerRoot + slot;
                    long swip = leaf < leaves ? SwipWord.evicted(leafIds[leaf]) : SwipWord.NONE;
                    Words.setOpaque(page, slotOffset(slot), swip);
                }
                store.writePage(rootIds[root], page);
            }
        }
        store.sync();
        return new TwoLevelDirectory(slotsPerRoot, rootIds, leafIds);
    }

    /**
     * Registers with a pool and fixes (pins) every root.
     *
     * @param target the pool
     */
    public void attach(BufferPool target) {
        pool = target;
        target.frames().registerOwner(TREE_ID, this);
        for (int root = 0; root < rootPageIds.length; root++) {
            fixRoot(root);
        }
    }

    long[] rootPageIds() {
        return rootPageIds.clone();
    }

    /** The number of leaves. */
    public int leaves() {
        return leafPageIds != null ? leafPageIds.length : rootPageIds.length * slotsPerRoot;
    }

    /** The page id of a leaf this directory made. */
    public long leafPageId(int leaf) {
        if (leafPageIds == null) {
            throw new IllegalStateException("an opened directory does not know its leaves' page ids");
        }
        return leafPageIds[leaf];
    }

    /** The frame of the root above a leaf, fixing the root if it is not yet. */
    public int rootFrameOf(int leaf) {
        int frame = rootFrames.get(leaf / slotsPerRoot);
        return frame >= 0 ? frame : fixRoot(leaf / slotsPerRoot);
    }

    /** The offset of a leaf's swip in its root. */
    public long swipOffsetOf(int leaf) {
        return slotOffset(leaf % slotsPerRoot);
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
        int frame = pool().fixPinned(rootPageIds[root]);
        rootFrames.set(root, frame);
        return frame;
    }

    private BufferPool pool() {
        BufferPool attached = pool;
        if (attached == null) {
            throw new IllegalStateException("the directory is not attached to a pool");
        }
        return attached;
    }

    /** A leaf latched exclusively (lock coupling from its root); returns its frame. */
    int lockLeafExclusive(int leafNumber) {
        Frames frames = pool().frames();
        while (true) {
            int root = rootFrameOf(leafNumber);
            long stamp = frames.optimistic(root);
            int leaf = pool().resolve(root, stamp, slotOffset(leafNumber % slotsPerRoot));
            if (leaf == BufferPool.RESTART) {
                continue;
            }
            frames.lockExclusive(leaf);
            if (frames.validate(root, stamp)) {
                return leaf;
            }
            frames.unlockExclusive(leaf);
        }
    }

    /** Reads a leaf's counter optimistically, checking its content; restarts until a read validates. */
    long readCounter(int leafNumber) {
        return readLeaf(leafNumber, true);
    }

    /** Increments a leaf's counter under its exclusive latch, rewriting its content; returns the new value. */
    long increment(int leafNumber, long lsn) {
        return bump(leafNumber, true, lsn);
    }

    /**
     * Reads a leaf's counter through its root without checking the content: an optimistic read of the root, the
     * swip's resolution (a fault if the leaf is evicted), an optimistic read of the leaf, both validated. Checks that
     * the frame holds the leaf's page, if this directory made the leaves.
     *
     * @param leafNumber the leaf
     * @return the counter
     */
    public long readCounterUnchecked(int leafNumber) {
        return readLeaf(leafNumber, false);
    }

    /** Reads a leaf optimistically through its root, restarting until a read validates. */
    private long readLeaf(int leafNumber, boolean checkContent) {
        Frames frames = pool().frames();
        while (true) {
            int root = rootFrameOf(leafNumber);
            long stamp = frames.optimistic(root);
            int leaf = pool().resolve(root, stamp, swipOffsetOf(leafNumber));
            if (leaf == BufferPool.RESTART) {
                continue;
            }
            long leafStamp = frames.optimistic(leaf);
            if (!frames.validate(root, stamp)) {
                continue;
            }
            MemorySegment page = frames.page(leaf);
            long pageId = PageHeaderLayout.pageId(page);
            long counter = page.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getLong(COUNTER);
            boolean intact = !checkContent || contentMatches(page, frames.pageId(leaf), counter);
            if (frames.validate(leaf, leafStamp)) {
                if (!intact) {
                    throw new AssertionError("leaf " + leafNumber + " has torn content at counter " + counter);
                }
                checkIdentity(leafNumber, pageId);
                return counter;
            }
        }
    }

    /**
     * Increments a leaf's counter alone under its exclusive latch and marks it dirty. The leaf's content no longer
     * matches its counter, so {@link #readCounter} fails on it afterwards; {@link #readCounterUnchecked} does not.
     *
     * @param leafNumber the leaf
     * @return the new counter
     */
    public long incrementUnchecked(int leafNumber) {
        return bump(leafNumber, false, 0);
    }

    /** Increments a leaf's counter under its exclusive latch, rewriting its content and page LSN if asked. */
    private long bump(int leafNumber, boolean rewrite, long lsn) {
        Frames frames = pool().frames();
        int leaf = lockLeafExclusive(leafNumber);
        try {
            MemorySegment page = frames.page(leaf);
            checkIdentity(leafNumber, PageHeaderLayout.pageId(page));
            ByteBuffer bytes = page.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long counter = bytes.getLong(COUNTER) + 1;
            if (rewrite) {
                writeContent(page, frames.pageId(leaf), counter);
                PageHeaderLayout.setPageLsn(page, lsn);
            } else {
                bytes.putLong(COUNTER, counter);
            }
            frames.markDirty(leaf);
            return counter;
        } finally {
            frames.unlockExclusive(leaf);
        }
    }

    /** Is a leaf's swip evicted right now (its next resolution a fault)? */
    public boolean isEvicted(int leafNumber) {
        return SwipWord.isEvicted(
                Words.getAcquire(pool().frames().page(rootFrameOf(leafNumber)), swipOffsetOf(leafNumber)));
    }

    private void checkIdentity(int leafNumber, long pageId) {
        if (leafPageIds != null && pageId != leafPageIds[leafNumber]) {
            throw new IllegalStateException(
                    "leaf " + leafNumber + " resolved to page " + pageId + ", expected " + leafPageIds[leafNumber]);
        }
    }

    /** Names a new leaf's root and slot and writes its content at counter 0. */
    private static void writeLeaf(MemorySegment page, int root, int slot, long pageId) {
        page.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).putInt(ROOT, root).putInt(SLOT, slot);
        writeContent(page, pageId, 0);
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
