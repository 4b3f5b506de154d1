/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.PageboxStats;
import java.util.concurrent.atomic.LongAdder;

/** The pool's event counters; {@link LongAdder}s, so counting on the hot path does not bounce a cache line. */
final class PoolCounters {
    final LongAdder hits = new LongAdder();
    final LongAdder reheats = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder writeBacks = new LongAdder();
    /** Bytes of dirty pages written so that their frames could be reused (eviction, unpinning). */
    final LongAdder evictionWriteBytes = new LongAdder();
    /** Bytes of dirty pages written by checkpoints. */
    final LongAdder checkpointWriteBytes = new LongAdder();

    final LongAdder frameWaits = new LongAdder();
    final LongAdder discardedLoads = new LongAdder();

    /**
     * The counters with the pool's gauges, counted now by frame state.
     *
     * @param frames the frames
     * @param freeFrames frames on the free list
     * @return the snapshot the store's stats report
     */
    PageboxStats.Pool snapshot(Frames frames, int freeFrames) {
        FrameTable table = frames.table();
        int hot = 0;
        int cooling = 0;
        int pinned = 0;
        int dirty = 0;
        for (int frame = 0; frame < frames.frameCount(); frame++) {
            long state = table.state(frame);
            if (state == FrameTable.HOT) {
                hot++;
            } else if (state == FrameTable.COOLING) {
                cooling++;
            } else if (state == FrameTable.PINNED) {
                pinned++;
            }
            if (state != FrameTable.FREE && table.isDirty(frame)) {
                dirty++;
            }
        }
        return new PageboxStats.Pool(
                frames.frameCount(),
                frames.pageSize(),
                freeFrames,
                hot,
                cooling,
                pinned,
                dirty,
                hits.sum(),
                reheats.sum(),
                misses.sum(),
                evictions.sum(),
                writeBacks.sum(),
                frameWaits.sum(),
                discardedLoads.sum());
    }
}
