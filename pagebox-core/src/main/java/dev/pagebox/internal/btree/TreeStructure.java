/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.swip.SwipWord;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;

/**
 * Structure changes of a {@link BTree}, each a separate step that latches only the pages it changes, with
 * try-upgrades of optimistic stamps (never waiting while holding a latch), and logs one record:
 * <ul>
 *   <li>split: the node and its parent (and a new page for the node's left half); a parent without room for
 *       the separator is split first;
 *   <li>root split: the root's halves move to two new children, so the root page never changes;
 *   <li>merge: an underfull node with its right sibling (or its left one, for the last child) into the right
 *       one of the two, when the result fills at most three quarters of a page; the left page is freed;
 *   <li>root collapse: a root left with a single child takes in the child's content.
 * </ul>
 */
final class TreeStructure {
    private static final int RETRY = 0;
    private static final int DONE = 1;
    private static final int PARENT_UNDERFULL = 2;
    private static final int MERGE_ATTEMPTS = 4;

    private final TreeAccess access;
    private final BufferPool pool;
    private final Frames frames;
    private final TreeLog log;
    private final FullPageImages images;
    private final int treeId;
    private final int pageSize;

    TreeStructure(TreeAccess access, TreeLog log, FullPageImages images) {
        this.access = access;
        this.pool = access.pool();
        this.frames = access.frames();
        this.log = log;
        this.images = images;
        this.treeId = access.treeId();
        this.pageSize = access.pageSize();
    }

    // ---------------------------------------------------------------- splits

    /** Splits the node at {@code level} whose range holds {@code key}, or its parent if that lacks room. */
    void split(MemorySegment key, int level) {
        access.untilValid(new Descent(), d -> trySplit(key, level, d) ? Boolean.TRUE : null);
    }

    private boolean trySplit(MemorySegment key, int level, Descent d) {
        if (!access.descend(key, level, d)) {
            return false;
        }
        MemorySegment page = frames.page(d.frame);
        boolean leaf = Node.isLeaf(page);
        int count = Node.count(page, Node.slotSize(page));
        if (NodeLayout.level(page) != level || count < (leaf ? 2 : 1)) {
            return frames.validate(d.frame, d.stamp); // the tree changed shape meanwhile; the caller re-checks
        }
        if (d.isRoot()) {
            return splitRoot(d, page);
        }
        int index = NodeOps.splitIndex(page);
        byte[] separator = NodeOps.separator(page, index);
        if (!frames.validate(d.frame, d.stamp)) {
            return false;
        }
        MemorySegment parent = frames.page(d.parent);
        boolean room =
                Node.freeBytes(parent) >= NodeEdits.innerEntryBytes(NodeLayout.prefixLength(parent), separator.length);
        if (!frames.validate(d.parent, d.parentStamp)) {
            return false;
        }
        if (!room) {
            split(key, level + 1);
            return true; // the caller re-checks whether this node still needs a split
        }
        try (RedoHolds.Hold hold = log.hold()) {
            // The new page's frame is taken before latching: finding a free frame may need to evict a child of
            // the parent, which is impossible while the parent is latched.
            int fresh = pool.newPage(treeId, leaf ? PageType.BTREE_LEAF : PageType.BTREE_INNER, hold);
            boolean linked = false;
            try {
                if (!frames.tryUpgrade(d.parent, d.parentStamp)) {
                    return false;
                }
                try {
                    if (!frames.tryUpgrade(d.frame, d.stamp)) {
                        return false;
                    }
                    try {
                        splitLatched(d, page, parent, fresh, index, separator);
                        linked = true;
                    } finally {
                        frames.unlockExclusive(d.frame);
                    }
                } finally {
                    frames.unlockExclusive(d.parent);
                }
            } finally {
                if (linked) {
                    frames.unlockExclusive(fresh);
                } else {
                    pool.freePage(fresh);
                }
            }
            return true;
        }
    }

    private void splitLatched(
            Descent d, MemorySegment page, MemorySegment parent, int fresh, int index, byte[] separator) {
        MemorySegment left = frames.page(fresh);
        NodeOps.buildLeft(left, page, index, separator);
        long parentBefore = images.beforeChange(d.parent);
        long nodeBefore = images.beforeChange(d.frame);
        long lsn = TreeRecords.appendSplit(log, treeId, frames, d.parent, d.frame, fresh, index, separator);
        NodeOps.keepRight(page, NodeEdits.copyOf(page), index, separator);
        NodeOps.insertSeparator(parent, separator, SwipWord.hot(fresh));
        stamp(lsn, fresh, d.frame, d.parent);
        images.afterChange(d.parent, parentBefore);
        images.afterChange(d.frame, nodeBefore);
    }

    private boolean splitRoot(Descent d, MemorySegment root) {
        int index = NodeOps.splitIndex(root);
        byte[] separator = NodeOps.separator(root, index);
        if (!frames.validate(d.frame, d.stamp)) {
            return false;
        }
        PageType type = Node.isLeaf(root) ? PageType.BTREE_LEAF : PageType.BTREE_INNER;
        try (RedoHolds.Hold hold = log.hold()) {
            int left = pool.newPage(treeId, type, hold);
            int right;
            try {
                right = pool.newPage(treeId, type, hold);
            } catch (RuntimeException | Error e) {
                pool.freePage(left);
                throw e;
            }
            return splitRootLatched(d, root, index, separator, left, right);
        }
    }

    private boolean splitRootLatched(Descent d, MemorySegment root, int index, byte[] separator, int left, int right) {
        boolean linked = false;
        try {
            if (!frames.tryUpgrade(d.frame, d.stamp)) {
                return false;
            }
            try {
                MemorySegment copy = NodeEdits.copyOf(root);
                NodeOps.buildLeft(frames.page(left), copy, index, separator);
                NodeOps.keepRight(frames.page(right), copy, index, separator);
                long lsn = TreeRecords.appendRootSplit(log, treeId, frames, d.frame, left, right, separator);
                NodeOps.buildSplitRoot(
                        root, NodeLayout.level(copy), separator, SwipWord.hot(left), SwipWord.hot(right));
                linked = true;
                stamp(lsn, left, right, d.frame);
            } finally {
                frames.unlockExclusive(d.frame);
            }
        } finally {
            if (linked) {
                frames.unlockExclusive(left);
                frames.unlockExclusive(right);
            } else {
                pool.freePage(left);
                pool.freePage(right);
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- merges

    /** Merges the node at {@code level} holding {@code key} with a sibling if it is still underfull and fits. */
    void tryMerge(MemorySegment key, int level) {
        Integer outcome = access.retry(new Descent(), MERGE_ATTEMPTS, d -> {
            int once = tryMergeOnce(key, level, d);
            return once == RETRY ? null : once;
        });
        if (outcome != null && outcome == PARENT_UNDERFULL) {
            tryMerge(key, level + 1);
        }
    }

    private int tryMergeOnce(MemorySegment key, int level, Descent d) {
        if (!access.descend(key, level, d)) {
            return RETRY;
        }
        MemorySegment page = frames.page(d.frame);
        if (NodeLayout.level(page) != level) {
            return frames.validate(d.frame, d.stamp) ? DONE : RETRY;
        }
        if (d.isRoot()) {
            return tryCollapse(d, page);
        }
        if (Node.usedBytes(page) >= pageSize / 4) {
            return frames.validate(d.frame, d.stamp) ? DONE : RETRY;
        }
        MemorySegment parent = frames.page(d.parent);
        int parentCount = Node.count(parent, NodeLayout.INNER_SLOT);
        int position = Node.search(parent, key) >>> 1;
        if (Node.swipAt(parent, position) != d.swipOffset || (position == parentCount && parentCount == 0)) {
            return frames.validate(d.parent, d.parentStamp) ? DONE : RETRY;
        }
        int leftSlot = position < parentCount ? position : parentCount - 1;
        int sibling = pool.resolve(
                d.parent, d.parentStamp, Node.swipAt(parent, position < parentCount ? position + 1 : leftSlot));
        if (sibling == BufferPool.RESTART) {
            return RETRY;
        }
        long siblingStamp = frames.optimistic(sibling);
        byte[] separator = Node.key(parent, leftSlot);
        int left = position < parentCount ? d.frame : sibling;
        int right = position < parentCount ? sibling : d.frame;
        long leftStamp = position < parentCount ? d.stamp : siblingStamp;
        long rightStamp = position < parentCount ? siblingStamp : d.stamp;
        long merged = NodeOps.mergedBytes(frames.page(left), frames.page(right), separator);
        if (!frames.validate(d.parent, d.parentStamp)
                || !frames.validate(left, leftStamp)
                || !frames.validate(right, rightStamp)) {
            return RETRY;
        }
        if (merged > pageSize * 3L / 4) {
            return DONE;
        }
        // The left page is freed right after the record is appended, before it is durable.
        RedoHolds.Hold hold = log.hold();
        try {
            return mergeLatched(d, leftSlot, left, right, leftStamp, rightStamp, separator);
        } finally {
            hold.close();
        }
    }

    private int mergeLatched(
            Descent d, int leftSlot, int left, int right, long leftStamp, long rightStamp, byte[] separator) {
        if (!frames.tryUpgrade(d.parent, d.parentStamp)) {
            return RETRY;
        }
        MemorySegment parent = frames.page(d.parent);
        boolean parentUnderfull;
        try {
            if (!frames.tryUpgrade(left, leftStamp)) {
                return RETRY;
            }
            boolean leftFreed = false;
            try {
                if (!frames.tryUpgrade(right, rightStamp)) {
                    return RETRY;
                }
                try {
                    mergeAndLog(d.parent, leftSlot, left, right, separator);
                } finally {
                    frames.unlockExclusive(right);
                }
                parentUnderfull = Node.usedBytes(parent) < pageSize / 4 || NodeLayout.count(parent) == 0;
                pool.freePage(left); // unlinked and logged; releases the latch, failing readers still on it
                leftFreed = true;
            } finally {
                if (!leftFreed) {
                    frames.unlockExclusive(left);
                }
            }
        } finally {
            frames.unlockExclusive(d.parent);
        }
        return parentUnderfull ? PARENT_UNDERFULL : DONE;
    }

    private void mergeAndLog(int parent, int leftSlot, int left, int right, byte[] separator) {
        MemorySegment rightPage = frames.page(right);
        long parentBefore = images.beforeChange(parent);
        MemorySegment rightCopy = NodeEdits.copyOf(rightPage);
        NodeOps.merge(rightPage, frames.page(left), rightCopy, separator);
        long lsn;
        try {
            lsn = TreeRecords.appendMerge(log, treeId, frames, parent, leftSlot, left, right);
        } catch (RuntimeException | Error e) {
            MemorySegment.copy(rightCopy, 0, rightPage, 0, rightPage.byteSize()); // not logged: undo
            throw e;
        }
        NodeEdits.removeSlot(frames.page(parent), leftSlot);
        stamp(lsn, right, parent);
        images.afterChange(parent, parentBefore);
    }

    /** A root with no separator left takes in its only child's content, lowering the tree by one level. */
    private int tryCollapse(Descent d, MemorySegment root) {
        if (!Node.isInner(root) || NodeLayout.count(root) != 0) {
            return frames.validate(d.frame, d.stamp) ? DONE : RETRY;
        }
        int child = pool.resolve(d.frame, d.stamp, NodeLayout.UPPER_SWIP);
        if (child == BufferPool.RESTART) {
            return RETRY;
        }
        long childStamp = frames.optimistic(child);
        // The child page is freed right after the record is appended, before it is durable.
        RedoHolds.Hold hold = log.hold();
        try {
            return collapseLatched(d, root, child, childStamp);
        } finally {
            hold.close();
        }
    }

    private int collapseLatched(Descent d, MemorySegment root, int child, long childStamp) {
        if (!frames.validate(d.frame, d.stamp) || !frames.tryUpgrade(d.frame, d.stamp)) {
            return RETRY;
        }
        try {
            if (!frames.tryUpgrade(child, childStamp)) {
                return RETRY;
            }
            boolean freed = false;
            try {
                MemorySegment before = NodeEdits.copyOf(root);
                NodeOps.collapseRoot(root, NodeEdits.copyOf(frames.page(child)));
                long lsn;
                try {
                    lsn = TreeRecords.appendRootCollapse(log, treeId, frames, d.frame, child);
                } catch (RuntimeException | Error e) {
                    MemorySegment.copy(before, 0, root, 0, root.byteSize());
                    throw e;
                }
                stamp(lsn, d.frame);
                pool.freePage(child);
                freed = true;
            } finally {
                if (!freed) {
                    frames.unlockExclusive(child);
                }
            }
        } finally {
            frames.unlockExclusive(d.frame);
        }
        return DONE;
    }

    private void stamp(long lsn, int... changed) {
        for (int frame : changed) {
            PageHeaderLayout.setPageLsn(frames.page(frame), lsn);
            frames.markDirty(frame);
        }
    }
}
