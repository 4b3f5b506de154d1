/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

/**
 * A snapshot of the pool's counters (monotonic since open) and gauges (at the time of the snapshot).
 *
 * @param frames frames in the pool
 * @param pageSize bytes per frame
 * @param freeFrames frames on the free list
 * @param hotFrames frames reachable through hot swips
 * @param coolingFrames frames in the cooling stage
 * @param pinnedFrames frames in the pinned-page table (roots, catalog)
 * @param dirtyFrames frames that differ from disk
 * @param hits swip resolutions that found the page hot
 * @param reheats resolutions that found the page cooling and made it hot again
 * @param misses page faults: pages read from disk
 * @param evictions pages evicted from the cooling stage
 * @param writeBacks dirty pages written
 * @param frameWaits allocations that found no free frame and had to evict or wait
 * @param discardedLoads pages read but not installed: their swip no longer named them, or they were resident
 *     and evicted while the read was in flight
 */
public record BufferPoolStats(
        int frames,
        int pageSize,
        int freeFrames,
        int hotFrames,
        int coolingFrames,
        int pinnedFrames,
        int dirtyFrames,
        long hits,
        long reheats,
        long misses,
        long evictions,
        long writeBacks,
        long frameWaits,
        long discardedLoads) {

    /** Bytes of frame memory the pool may use: its budget. */
    public long budgetBytes() {
        return (long) frames * pageSize;
    }
}
