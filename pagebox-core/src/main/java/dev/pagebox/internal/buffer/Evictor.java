/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.PageboxException;
import dev.pagebox.internal.latch.HybridLatch;
import dev.pagebox.internal.mem.Words;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.swip.SwipWord;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * LeanStore's replacement strategy: frames picked at random are cooled (their parent swip gets the cooling
 * bit and they join the FIFO {@link CoolingQueue}); a cooling frame touched again is simply re-heated by its
 * reader; a frame that reaches the head of the queue still cooling is written back if dirty and evicted. Hot
 * pages cost nothing to keep hot: no LRU list is updated on access.
 *
 * <p>Inner pages are evicted only once none of their children is resident; picking one with a resident child
 * cools that child instead, so eviction works bottom-up.
 */
final class Evictor {
    private static final int RANDOM_PICKS = 64;
    private static final int MAX_DESCENT = 16;
    private static final int EVICT_ATTEMPTS = 64;
    /** Fresh frames cooled beyond the target when every queued frame is busy. */
    private static final int FRESH_CANDIDATES = 4;

    private final Frames frames;
    private final FrameTable table;
    private final WriteBack writeBack;
    private final PageLoads loads;
    private final CoolingQueue cooling;
    private final PoolCounters counters;
    private final int coolingTarget;
    /** The last failed write-back, and when: dirty pages that cannot be written stay resident. */
    private volatile @Nullable PageboxException writeFailure;

    private volatile long writeFailureNanos;

    Evictor(
            Frames frames,
            WriteBack writeBack,
            PageLoads loads,
            CoolingQueue cooling,
            PoolCounters counters,
            int coolingPercent) {
        this.frames = frames;
        this.table = frames.table();
        this.writeBack = writeBack;
        this.loads = loads;
        this.cooling = cooling;
        this.counters = counters;
        this.coolingTarget = Math.max(2, frames.frameCount() * coolingPercent / 100);
    }

    /**
     * Evicts one page, cooling more pages first if the cooling stage is empty.
     *
     * @return the freed frame (not on the free list: the caller owns it), or -1 if nothing could be evicted
     */
    int evictOne() {
        int frame = evictQueued();
        if (frame < 0) {
            coolUpToTarget();
            frame = evictQueued();
        }
        if (frame < 0 && cooling.size() > 0) {
            // Every queued frame is busy (latched, perhaps by the very thread that needs a frame) or not yet
            // evictable. Waiting for them alone could last as long as they stay busy: cool fresh candidates
            // beyond the target.
            coolUpTo(cooling.size() + FRESH_CANDIDATES);
            frame = evictQueued();
        }
        return frame;
    }

    /**
     * Evicts the first frame of the cooling stage that can be evicted, skipping stale entries and requeueing
     * frames that are busy; cools nothing.
     *
     * @return the freed frame, or -1
     */
    int evictQueued() {
        for (int attempt = 0; attempt < EVICT_ATTEMPTS; attempt++) {
            int frame = cooling.poll();
            if (frame < 0) {
                return -1;
            }
            if (table.state(frame) != FrameTable.COOLING) {
                continue; // re-heated or freed since it was queued
            }
            if (tryEvict(frame)) {
                counters.evictions.increment();
                return frame;
            }
        }
        return -1;
    }

    /** Cools random hot frames until the cooling stage holds its target share of the frames. */
    void coolUpToTarget() {
        coolUpTo(coolingTarget);
    }

    private void coolUpTo(int size) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int pick = 0; pick < RANDOM_PICKS && cooling.size() < size; pick++) {
            tryCool(random.nextInt(frames.frameCount()), Math.max(size, coolingTarget * 2));
        }
    }

    /** Cools a frame, or its resident descendant if it has one; returns whether something was cooled. */
    boolean tryCool(int start) {
        return tryCool(start, coolingTarget * 2);
    }

    /** As {@link #tryCool(int)}, unless the cooling stage already holds {@code limit} frames. */
    private boolean tryCool(int start, int limit) {
        int frame = start;
        for (int depth = 0; depth < MAX_DESCENT; depth++) {
            if (table.state(frame) != FrameTable.HOT) {
                return false;
            }
            long stamp = frames.tryOptimistic(frame);
            if (stamp == HybridLatch.NO_STAMP) {
                return false;
            }
            MemorySegment page = frames.page(frame);
            PageOwner owner = frames.owner(PageHeaderLayout.treeId(page));
            if (owner == null || table.state(frame) != FrameTable.HOT) {
                return false;
            }
            int child = residentChild(owner, page);
            if (!frames.validate(frame, stamp)) {
                return false;
            }
            if (child < 0) {
                return coolLeaf(owner, frame, limit);
            }
            frame = child;
        }
        return false;
    }

    private boolean coolLeaf(PageOwner owner, int frame, int limit) {
        PageOwner.ParentRef parent = owner.findParent(frames, frame);
        if (parent == null || cooling.size() >= limit) {
            return false;
        }
        if (!frames.enterParent(parent.frame(), parent.stamp())) {
            return false;
        }
        try {
            MemorySegment parentPage = frames.page(parent.frame());
            if (!Words.compareAndSet(parentPage, parent.swipOffset(), SwipWord.hot(frame), SwipWord.cooling(frame))) {
                return false;
            }
            if (!table.casState(frame, FrameTable.HOT, FrameTable.COOLING) || !cooling.offer(frame)) {
                // Not coolable after all (freed meanwhile) or no room: undo under the same latch.
                Words.compareAndSet(parentPage, parent.swipOffset(), SwipWord.cooling(frame), SwipWord.hot(frame));
                table.casState(frame, FrameTable.COOLING, FrameTable.HOT);
                return false;
            }
            return true;
        } finally {
            frames.exitParent(parent.frame(), parent.stamp());
        }
    }

    /** Returns a resident child's frame, or -1; the page may be read optimistically. */
    private static int residentChild(PageOwner owner, MemorySegment page) {
        int[] found = {-1};
        owner.forEachChildSwip(page, offset -> {
            if (found[0] < 0 && offset >= 0 && offset <= page.byteSize() - Long.BYTES && (offset & 7) == 0) {
                long swip = Words.getAcquire(page, offset);
                if (SwipWord.isResident(swip)) {
                    found[0] = (int) SwipWord.frameIndex(swip);
                }
            }
        });
        return found[0];
    }

    /**
     * Evicts a cooling frame: writes it if dirty, then with the parent and the frame latched exclusively
     * turns the parent's swip from cooling into the page id.
     */
    private boolean tryEvict(int frame) {
        PageOwner owner = frames.owner(PageHeaderLayout.treeId(frames.page(frame)));
        PageOwner.ParentRef parent = owner == null ? null : owner.findParent(frames, frame);
        if (parent == null) {
            requeue(frame);
            return false;
        }
        ReentrantLock lock = writeBack.lock(frame);
        if (!lock.tryLock()) {
            requeue(frame); // being written by someone else right now
            return false;
        }
        try {
            // Held through the swip change: no write of this page may still be in flight once it is evicted.
            int written;
            try {
                written = writeBack.writeLocked(frame);
            } catch (PageboxException e) {
                // A full disk, a stalled or fenced log, a read-only store: the page stays dirty and resident, and
                // eviction goes on with other pages (clean ones can always go).
                writeFailureNanos = System.nanoTime();
                writeFailure = e;
                requeue(frame);
                return false;
            }
            if (written == WriteBack.BUSY) {
                requeue(frame); // in use right now, so not a good victim anyway
                return false;
            }
            return evictClean(owner, parent, frame);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the last write-back failure at or after a time, for a caller that found nothing to evict.
     *
     * @param sinceNanos a {@link System#nanoTime()} value
     * @return the failure, or null if none happened since
     */
    @Nullable
    PageboxException writeFailureSince(long sinceNanos) {
        PageboxException failure = writeFailure;
        return failure != null && writeFailureNanos - sinceNanos >= 0 ? failure : null;
    }

    private boolean evictClean(PageOwner owner, PageOwner.ParentRef parent, int frame) {
        if (!frames.tryUpgrade(parent.frame(), parent.stamp())) {
            requeue(frame);
            return false;
        }
        try {
            if (!frames.tryLockExclusive(frame)) {
                requeue(frame);
                return false;
            }
            boolean evicted = false;
            try {
                long pageId = table.pageId(frame);
                boolean evictable = table.state(frame) == FrameTable.COOLING
                        && !table.isDirty(frame)
                        && residentChild(owner, frames.page(frame)) < 0;
                if (evictable) {
                    loads.markStale(pageId); // before the swip names the page id again
                }
                evicted = evictable
                        && Words.compareAndSet(
                                frames.page(parent.frame()),
                                parent.swipOffset(),
                                SwipWord.cooling(frame),
                                SwipWord.evicted(pageId));
                if (evicted) {
                    table.setState(frame, FrameTable.FREE);
                } else if (table.state(frame) == FrameTable.COOLING) {
                    requeue(frame);
                }
            } finally {
                frames.unlockExclusive(frame); // bumps the version: readers of the old page fail
            }
            return evicted;
        } finally {
            // The bump restarts optimistic readers of the parent, so lock coupling (latch the child, then
            // validate the parent) never lands on a frame that was evicted and reused in between.
            frames.unlockExclusive(parent.frame());
        }
    }

    /**
     * Puts a frame that could not be evicted now at the tail again. The ring has room for twice the frames and
     * cooling stops at twice the target, so this does not fail in practice; if it did, the frame would stay
     * cooling until its next touch re-heats it.
     */
    private void requeue(int frame) {
        cooling.offer(frame);
    }
}
