/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.swip;

import dev.pagebox.internal.page.PageIds;

/**
 * A swip: a parent's 64-bit reference to a child page, which is either swizzled (the child is resident
 * and the word holds its frame index) or unswizzled (the child is on disk and the word holds its page id).
 * Resolving a hot swip costs one tag test and no hash lookup.
 *
 * <pre>
 *    63   62  61                     46 45                                         0
 *   +----+----+-------------------------+-------------------------------------------+
 *   | E  | C  |        always zero      |     frame index (E=0) or page id (E=1)    |
 *   +----+----+-------------------------+-------------------------------------------+
 *
 *   E=0 C=0  HOT       child resident in frame {index}
 *   E=0 C=1  COOLING   child resident in frame {index} and queued for eviction; touching it re-heats it
 *   E=1 C=0  EVICTED   child on disk as page {id}; resolving it faults the page in
 *   E=1 id=0 NONE      no child
 * </pre>
 *
 * <h2>Concurrency</h2>
 * Swips live inside inner pages; roots have none (the pool finds them by page id in its pinned-page table). A swip
 * changes only by CAS on its word while its parent is latched. Which transition needs which latch, who makes it and
 * why that is safe is written once, beside the code that makes the changes:
 * {@code dev.pagebox.internal.buffer.BufferPool}, "Swip protocol". On disk and in log records a swip is always
 * EVICTED (see {@link #evicted}).
 */
public final class SwipWord {
    private static final long EVICTED_BIT = 0b1000000000000000000000000000000000000000000000000000000000000000L;
    private static final long COOLING_BIT = 0b0100000000000000000000000000000000000000000000000000000000000000L;
    private static final long PAYLOAD_MASK = (1L << PageIds.BITS) - 1;
    private static final long TAG_MASK = EVICTED_BIT | COOLING_BIT;

    /** The swip that references nothing. */
    public static final long NONE = EVICTED_BIT | PageIds.NONE;

    /** The largest frame index a swip can hold. */
    public static final long MAX_FRAME_INDEX = PAYLOAD_MASK;

    private SwipWord() {}

    /**
     * Returns a hot swip to a frame.
     *
     * @param frameIndex the frame holding the child
     * @return the swip word
     */
    public static long hot(long frameIndex) {
        assert frameIndex >= 0 && frameIndex <= MAX_FRAME_INDEX : frameIndex;
        return frameIndex;
    }

    /**
     * Returns a cooling swip to a frame.
     *
     * @param frameIndex the frame holding the child
     * @return the swip word
     */
    public static long cooling(long frameIndex) {
        assert frameIndex >= 0 && frameIndex <= MAX_FRAME_INDEX : frameIndex;
        return frameIndex | COOLING_BIT;
    }

    /**
     * Returns an evicted swip to a page on disk.
     *
     * @param pageId the child page
     * @return the swip word
     */
    public static long evicted(long pageId) {
        assert pageId >= 0 && pageId <= PageIds.MAX : pageId;
        return pageId | EVICTED_BIT;
    }

    /**
     * Tells whether the child is resident and not queued for eviction.
     *
     * @param swipWord the swip
     * @return whether it is HOT
     */
    public static boolean isHot(long swipWord) {
        return (swipWord & TAG_MASK) == 0;
    }

    /**
     * Tells whether the child is resident and queued for eviction.
     *
     * @param swipWord the swip
     * @return whether it is COOLING
     */
    public static boolean isCooling(long swipWord) {
        return (swipWord & TAG_MASK) == COOLING_BIT;
    }

    /**
     * Tells whether the child is resident (HOT or COOLING).
     *
     * @param swipWord the swip
     * @return whether the swip holds a frame index
     */
    public static boolean isResident(long swipWord) {
        return (swipWord & EVICTED_BIT) == 0;
    }

    /**
     * Tells whether the child is on disk (or the swip is {@link #NONE}).
     *
     * @param swipWord the swip
     * @return whether the swip holds a page id
     */
    public static boolean isEvicted(long swipWord) {
        return (swipWord & EVICTED_BIT) != 0;
    }

    /**
     * Returns the frame of a resident child.
     *
     * @param swipWord a HOT or COOLING swip
     * @return the frame index
     */
    public static long frameIndex(long swipWord) {
        assert isResident(swipWord) : describe(swipWord);
        return swipWord & PAYLOAD_MASK;
    }

    /**
     * Returns the page id of an evicted child.
     *
     * @param swipWord an EVICTED swip
     * @return the page id
     */
    public static long pageId(long swipWord) {
        assert isEvicted(swipWord) : describe(swipWord);
        return swipWord & PAYLOAD_MASK;
    }

    /**
     * Returns the same reference tagged COOLING.
     *
     * @param swipWord a HOT swip
     * @return the COOLING swip
     */
    public static long toCooling(long swipWord) {
        assert isHot(swipWord) : describe(swipWord);
        return swipWord | COOLING_BIT;
    }

    /**
     * Returns the same reference tagged HOT.
     *
     * @param swipWord a COOLING swip
     * @return the HOT swip
     */
    public static long toHot(long swipWord) {
        assert isCooling(swipWord) : describe(swipWord);
        return swipWord & ~COOLING_BIT;
    }

    /**
     * Describes a swip for messages, e.g. {@code "HOT(frame 12)"}.
     *
     * @param swipWord the swip
     * @return the description
     */
    public static String describe(long swipWord) {
        long payload = swipWord & PAYLOAD_MASK;
        String junk =
                (swipWord & ~(TAG_MASK | PAYLOAD_MASK)) != 0 ? " with stray bits " + Long.toHexString(swipWord) : "";
        if (swipWord == NONE) {
            return "NONE";
        }
        if (isEvicted(swipWord)) {
            return ((swipWord & COOLING_BIT) != 0 ? "INVALID(E+C, page " : "EVICTED(page ") + payload + ")" + junk;
        }
        return (isCooling(swipWord) ? "COOLING(frame " : "HOT(frame ") + payload + ")" + junk;
    }
}
