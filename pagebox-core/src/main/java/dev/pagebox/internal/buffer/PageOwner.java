/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import java.lang.foreign.MemorySegment;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * What the pool needs to know about the data structure whose pages it holds (LeanStore's data-structure
 * registry): where a page's child swips are, and how to find a page's parent. Registered per owner id (the
 * tree id in the page header) with {@link Frames#registerOwner}. Owners work on frames only, through
 * {@link Frames}: the pool asks them from inside eviction and faults, where they must not call back into it.
 */
public interface PageOwner {

    /**
     * Calls {@code visitor} with the byte offset (within the page) of each child swip of a page. Leaf pages
     * have none. The page may be read optimistically: offsets must stay within the page even if it is torn.
     *
     * @param page the page
     * @param visitor receives swip offsets, 8-byte aligned
     */
    void forEachChildSwip(MemorySegment page, LongConsumer visitor);

    /**
     * Tells whether {@code offset} is one of a page's child swips (and not, say, a stale copy of one in free
     * space). The pool asks with the page latched. The default visits every child swip; an owner whose swips
     * sit at computable offsets answers directly.
     *
     * @param page the page, latched
     * @param offset a byte offset within the page
     * @return whether a child swip lives there
     */
    default boolean isChildSwip(MemorySegment page, long offset) {
        boolean[] found = {false};
        forEachChildSwip(page, swip -> found[0] |= swip == offset);
        return found[0];
    }

    /**
     * Finds the parent of the page in {@code frame}: the frame holding the swip that references it, the swip's
     * offset there, and an optimistic stamp of the parent's latch taken before the swip was seen referencing
     * {@code frame} and validated after. The pool latches the parent against that stamp, so a stale answer is
     * harmless.
     *
     * @param frames the pool's frames
     * @param frame a resident frame of this owner that is not pinned
     * @return the parent, or null if it cannot be found right now (the pool tries another page)
     */
    @Nullable
    ParentRef findParent(Frames frames, int frame);

    /**
     * A located parent swip.
     *
     * @param frame the parent's frame
     * @param stamp an optimistic stamp of the parent's latch
     * @param swipOffset the swip's byte offset within the parent page
     */
    record ParentRef(int frame, long stamp, long swipOffset) {}
}
