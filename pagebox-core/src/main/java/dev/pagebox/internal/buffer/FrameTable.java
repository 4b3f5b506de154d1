/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.internal.mem.Words;
import java.lang.foreign.MemorySegment;

/**
 * Per-frame metadata, one 64-byte cache line per frame so that latching one frame never invalidates another
 * frame's line (no false sharing). Native byte order; never written to disk.
 *
 * <pre>
 *   0        8        16       24       32                       64
 *   +--------+--------+--------+--------+------------------------+
 *   | latch  | pageId | state  | flags  |        (unused)        |
 *   +--------+--------+--------+--------+------------------------+
 * </pre>
 *
 * <ul>
 *   <li>{@code latch}: the frame's {@link dev.pagebox.internal.latch.HybridLatch} word. Its version only
 *       grows, across reuse of the frame too, so a stamp taken on a frame's previous page never validates.
 *   <li>{@code pageId}: the page in the frame; set before the frame becomes reachable, stable while it is.
 *   <li>{@code state}: {@link #FREE}, {@link #LOADING}, {@link #HOT}, {@link #COOLING} or {@link #PINNED};
 *       changed by CAS. The parent's swip is the truth about hot versus cooling; the state mirrors it for the
 *       cooling queue and the counts.
 *   <li>{@code flags}: {@link #DIRTY} (the frame differs from its page on disk).
 * </ul>
 */
final class FrameTable {
    static final long STRIDE = 64;
    private static final long LATCH = 0;
    private static final long PAGE_ID = 8;
    private static final long STATE = 16;
    private static final long FLAGS = 24;

    /** On the free list. */
    static final long FREE = 0;
    /** Taken by a thread that is reading a page into it; not reachable yet. */
    static final long LOADING = 1;
    /** Reachable through a hot swip. */
    static final long HOT = 2;
    /** Reachable through a cooling swip and queued for eviction. */
    static final long COOLING = 3;
    /** Reachable by page id through the pinned-page table; never evicted. */
    static final long PINNED = 4;

    static final long DIRTY = 1;

    private final MemorySegment meta;

    FrameTable(MemorySegment meta) {
        this.meta = meta;
    }

    static long bytesFor(int frames) {
        return frames * STRIDE;
    }

    MemorySegment segment() {
        return meta;
    }

    long latchOffset(int frame) {
        return frame * STRIDE + LATCH;
    }

    long pageId(int frame) {
        return Words.getAcquire(meta, frame * STRIDE + PAGE_ID);
    }

    void setPageId(int frame, long pageId) {
        Words.setRelease(meta, frame * STRIDE + PAGE_ID, pageId);
    }

    long state(int frame) {
        return Words.getAcquire(meta, frame * STRIDE + STATE);
    }

    void setState(int frame, long state) {
        Words.setVolatile(meta, frame * STRIDE + STATE, state);
    }

    boolean casState(int frame, long expected, long state) {
        return Words.compareAndSet(meta, frame * STRIDE + STATE, expected, state);
    }

    boolean isDirty(int frame) {
        return (Words.getAcquire(meta, frame * STRIDE + FLAGS) & DIRTY) != 0;
    }

    /** Sets the dirty flag; returns whether it was clear before. */
    boolean markDirty(int frame) {
        return (Words.getAndBitwiseOr(meta, frame * STRIDE + FLAGS, DIRTY) & DIRTY) == 0;
    }

    /** Clears the dirty flag; returns whether it was set. */
    boolean clearDirty(int frame) {
        return (Words.getAndBitwiseAnd(meta, frame * STRIDE + FLAGS, ~DIRTY) & DIRTY) != 0;
    }

    static String stateName(long state) {
        return switch ((int) state) {
            case (int) FREE -> "FREE";
            case (int) LOADING -> "LOADING";
            case (int) HOT -> "HOT";
            case (int) COOLING -> "COOLING";
            case (int) PINNED -> "PINNED";
            default -> "?" + state;
        };
    }
}
