/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.buffer.PageOwner;
import dev.pagebox.internal.latch.HybridLatch;
import dev.pagebox.internal.swip.SwipWord;
import java.lang.foreign.MemorySegment;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Tells the pool where a tree's child swips are and finds a node's parent, so that cooling and eviction work on
 * the tree. The parent is found by descending from the root with the node's upper fence (the largest key its
 * range holds) to the level above the node, using only non-blocking optimistic reads: the caller may be a
 * thread that holds latches of this very tree (allocating a page for a split).
 */
final class TreeOwner implements PageOwner {
    private static final int MAX_HEIGHT = 64;

    private final int rootFrame;

    TreeOwner(TreeAccess access) {
        this.rootFrame = access.rootFrame();
    }

    @Override
    public void forEachChildSwip(MemorySegment page, LongConsumer visitor) {
        if (Node.isInner(page)) {
            forEachSwip(page, visitor);
        }
    }

    @Override
    public boolean isChildSwip(MemorySegment page, long offset) {
        if (!Node.isInner(page)) {
            return false;
        }
        if (offset == NodeLayout.UPPER_SWIP) {
            return true;
        }
        long fromFirst = offset - NodeLayout.swipOffset(NodeLayout.slot(NodeLayout.INNER_SLOT, 0));
        int count = Math.min(NodeLayout.count(page), Node.maxSlots(page.byteSize(), NodeLayout.INNER_SLOT));
        return fromFirst >= 0 && fromFirst % NodeLayout.INNER_SLOT == 0 && fromFirst / NodeLayout.INNER_SLOT < count;
    }

    /** Visits the offsets of an inner node's swips, the upper swip first; safe on a torn page. */
    static void forEachSwip(MemorySegment page, LongConsumer visitor) {
        visitor.accept(NodeLayout.UPPER_SWIP);
        int count = Math.min(NodeLayout.count(page), Node.maxSlots(page.byteSize(), NodeLayout.INNER_SLOT));
        for (int i = 0; i < count; i++) {
            visitor.accept(NodeLayout.swipOffset(NodeLayout.slot(NodeLayout.INNER_SLOT, i)));
        }
    }

    @Override
    public @Nullable ParentRef findParent(Frames frames, int frame) {
        if (frame == rootFrame) {
            return null;
        }
        long stamp = frames.tryOptimistic(frame);
        if (stamp == HybridLatch.NO_STAMP) {
            return null;
        }
        try {
            MemorySegment page = frames.page(frame);
            int level = NodeLayout.level(page);
            byte @Nullable [] upper = Node.upperFence(page);
            if (!frames.validate(frame, stamp)) {
                return null;
            }
            return descendToParent(frames, frame, level, upper == null ? null : MemorySegment.ofArray(upper));
        } catch (OptimisticRestart | IndexOutOfBoundsException e) {
            return null; // a torn read; the pool tries another page
        }
    }

    private @Nullable ParentRef descendToParent(Frames frames, int frame, int level, @Nullable MemorySegment key) {
        int node = rootFrame;
        long stamp = frames.tryOptimistic(node);
        for (int depth = 0; depth < MAX_HEIGHT && stamp != HybridLatch.NO_STAMP; depth++) {
            MemorySegment page = frames.page(node);
            int nodeLevel = NodeLayout.level(page);
            if (!Node.isInner(page) || nodeLevel <= level) {
                return null;
            }
            long offset = key == null ? NodeLayout.UPPER_SWIP : Node.childSwipOffset(page, key);
            long swip = Node.swip(page, offset);
            if (!SwipWord.isResident(swip)) {
                return null; // not on the path of a resident node: it has moved, or the read was torn
            }
            int child = (int) SwipWord.frameIndex(swip);
            if (nodeLevel == level + 1) {
                return child == frame && frames.validate(node, stamp) ? new ParentRef(node, stamp, offset) : null;
            }
            long childStamp = frames.tryOptimistic(child);
            if (!frames.validate(node, stamp)) {
                return null;
            }
            node = child;
            stamp = childStamp;
        }
        return null;
    }
}
