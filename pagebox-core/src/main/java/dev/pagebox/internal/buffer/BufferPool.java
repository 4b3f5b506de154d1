/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.CorruptPageException;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxStats;
import dev.pagebox.internal.mem.Words;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.swip.SwipWord;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The buffer pool: a fixed number of page frames in one {@code MAP_NORESERVE} reservation, reached through
 * swips (LeanStore, Leis et al., ICDE 2018). The frames and their latches are {@link Frames}; free frames come from
 * the {@link FrameAllocator} (the free list, the {@link PageProvider} thread, the {@link Evictor}); writing dirty
 * pages is {@link WriteBack}'s. This class reaches pages (resolving swips, faulting pages in, the pinned-page table)
 * and creates and frees them.
 *
 * <h2>Where pages live</h2>
 * <ul>
 *   <li>Pages reachable through a parent's swip (every tree page but the roots): found by resolving the swip,
 *       {@link #resolve}. A hot swip holds the frame index, so the common case is one tag test.
 *   <li>Roots, the catalog and other entry points: found by page id in the pinned-page table,
 *       {@link #fixPinned}. Pinned frames are never evicted; they are written back like any dirty frame.
 *   <li>Pages being read from disk: in the in-flight table by page id ({@link PageLoads}), so that concurrent
 *       faults of one page do one read.
 * </ul>
 *
 * <h2>Swip protocol</h2>
 * The rules for changing a swip live here, beside the code that follows them (this class and the {@link Evictor});
 * {@link SwipWord} (the word's format) and the docs link here. A caller reads a swip inside a parent page that it
 * holds optimistically (stamp) or latched ({@link #PARENT_LATCHED}). Every change of a swip is a CAS of the swip
 * word made while holding the parent latch shared (after validating the stamp, so the parent is the page the
 * caller thinks it is) or exclusively:
 *
 * <table>
 *   <caption>Swip transitions</caption>
 *   <tr><th>transition</th><th>who</th><th>parent latch</th></tr>
 *   <tr><td>EVICTED to HOT</td><td>a fault installing the frame it read into ({@link #resolve})</td>
 *       <td>shared</td></tr>
 *   <tr><td>COOLING to HOT</td><td>any reader touching a cooling page (re-heat)</td><td>shared</td></tr>
 *   <tr><td>HOT to COOLING</td><td>the evictor cooling a page</td><td>shared</td></tr>
 *   <tr><td>COOLING to EVICTED</td><td>the evictor</td><td>exclusive, and the child exclusive</td></tr>
 * </table>
 *
 * <ul>
 *   <li>The first three do not change which page the swip names, so optimistic readers of the parent stay valid.
 *       A fault whose parent changed meanwhile (most often a sibling's eviction bumped its version) looks for the
 *       swip among the parent's live swips under its shared latch instead of validating (see
 *       {@code swapEvictedSwip}): a page id is named by one live swip at a time.
 *   <li>COOLING to EVICTED releases both latches with a version bump. The parent's bump makes lock coupling safe
 *       (a reader latches the child, then validates the parent: if the child was evicted and its frame reused in
 *       between, the parent no longer validates); its exclusive latch also keeps write-back copies of the parent
 *       consistent (a copy replaces each resident child's frame index by the child's page id under the parent's
 *       shared latch, so no child may leave meanwhile). The child's bump fails every optimistic reader still
 *       looking at the frame.
 *   <li>A frame's state ({@link FrameTable}) follows its swip: a frame installed or re-heated turns HOT under the
 *       same parent latch as the swip change, because once the swip is hot another thread may free the frame.
 *   <li>Roots have no parent swip: they live in the pinned-page table, by page id, and are never evicted.
 * </ul>
 * A frame's latch version only grows, across reuse too, so a reader that reaches a frame after it was evicted
 * and reused fails validation and restarts; the reservation is never unmapped while the pool is open, so such
 * a reader reads stale bytes, never unmapped memory.
 *
 * <h2>Write-ahead rule</h2>
 * A dirty page is written from a private copy, after {@link LogFlusher#ensureDurable} up to the copy's page
 * LSN ({@link WriteBack}). {@link #needsFullPageImage} tells the tree when a change is the first since the last
 * checkpoint's redo point, so it logs a full page image first (torn-page protection).
 */
public final class BufferPool implements AutoCloseable {
    /** Returned by {@link #resolve} when the caller must restart its operation. */
    public static final int RESTART = -1;

    /** Passed to {@link #resolve} as the stamp when the caller holds the parent latched shared or exclusive. */
    public static final long PARENT_LATCHED = -2;

    private final Frames frames;
    private final FrameTable table;
    private final PageIo io;
    private final FrameAllocator allocator;
    private final PageLoads loads = new PageLoads();
    private final Map<Long, Integer> pinned = new ConcurrentHashMap<>();
    private final PoolCounters counters = new PoolCounters();
    private final WriteBack writeBack;
    private volatile long fullImageBelowLsn;
    private volatile boolean closed;

    /**
     * Creates a pool; its frame memory is reserved, not committed, until pages are loaded.
     *
     * @param config the budget and eviction settings
     * @param io where pages are read from and written to
     * @param log the write-ahead rule
     */
    public BufferPool(BufferPoolConfig config, PageIo io, LogFlusher log) {
        this.io = io;
        this.frames = new Frames(config.frameCount(), config.pageSize());
        this.table = frames.table();
        this.writeBack = new WriteBack(frames, io, log, counters);
        this.allocator = new FrameAllocator(config, frames, writeBack, loads, counters);
    }

    /** The frames: their pages, latches and the page owners. */
    public Frames frames() {
        return frames;
    }

    /** The page size. */
    public int pageSize() {
        return frames.pageSize();
    }

    /** The number of frames. */
    public int frameCount() {
        return frames.frameCount();
    }

    // ---------------------------------------------------------------- full-page images

    /**
     * Tells whether the next change of a page must be logged as a full page image: it is the first change
     * since the redo point of the last checkpoint, so a torn write of the page could not be repaired from the
     * log otherwise.
     *
     * @param frame a frame the caller holds exclusively
     * @return true if the page LSN is below the current checkpoint's redo LSN
     */
    public boolean needsFullPageImage(int frame) {
        return PageHeaderLayout.pageLsn(frames.page(frame)) < fullImageBelowLsn;
    }

    /** The current full-image threshold: pages whose LSN is below it need an image with their next change. */
    public long fullImageThreshold() {
        return fullImageBelowLsn;
    }

    /**
     * Sets the redo LSN of the checkpoint in progress: pages last changed before it need a full image with
     * their next change.
     *
     * @param redoLsn the checkpoint's redo LSN
     */
    public void setFullImageThreshold(long redoLsn) {
        fullImageBelowLsn = redoLsn;
    }

    // ---------------------------------------------------------------- swips

    /**
     * Resolves the child swip at {@code swipOffset} in the page of {@code parent}.
     *
     * <p>If the caller reads the parent optimistically, it passes its stamp: a return of {@link #RESTART}
     * means the parent changed (or a concurrent load must be waited for) and the operation restarts from the
     * root; otherwise the stamp is still valid. After latching the returned child, the caller validates the
     * parent once more (lock coupling). With {@link #PARENT_LATCHED} the caller holds the parent shared or
     * exclusive and never gets {@link #RESTART} for a parent change.
     *
     * @param parent the parent's frame
     * @param stamp the parent's optimistic stamp, or {@link #PARENT_LATCHED}
     * @param swipOffset the swip's offset in the parent page, 8-byte aligned
     * @return the child's frame, or {@link #RESTART}
     * @throws dev.pagebox.CorruptPageException if the child must be read from disk and is damaged
     */
    public int resolve(int parent, long stamp, long swipOffset) {
        if (swipOffset < 0 || swipOffset > frames.pageSize() - Long.BYTES || (swipOffset & 7) != 0) {
            if (stamp == PARENT_LATCHED) {
                throw new IllegalArgumentException("swip offset " + swipOffset + " outside the page");
            }
            return RESTART; // an offset computed from a torn optimistic read
        }
        long swip = Words.getAcquire(frames.page(parent), swipOffset);
        if (stamp != PARENT_LATCHED && !frames.validate(parent, stamp)) {
            return RESTART;
        }
        if (SwipWord.isHot(swip)) {
            counters.hits.increment();
            return (int) SwipWord.frameIndex(swip);
        }
        if (SwipWord.isCooling(swip)) {
            return reheat(parent, stamp, swipOffset, swip);
        }
        if (swip == SwipWord.NONE) {
            throw new IllegalStateException(
                    "swip at " + swipOffset + " of page " + frames.pageId(parent) + " is empty");
        }
        return fault(parent, stamp, swipOffset, SwipWord.pageId(swip));
    }

    private int reheat(int parent, long stamp, long swipOffset, long swip) {
        if (!frames.enterParent(parent, stamp)) {
            return RESTART;
        }
        int child = (int) SwipWord.frameIndex(swip);
        try {
            if (!Words.compareAndSet(frames.page(parent), swipOffset, swip, SwipWord.toHot(swip))) {
                return RESTART;
            }
            // Under the parent latch, like a fault's install: after it the frame may be freed and reused.
            table.casState(child, FrameTable.COOLING, FrameTable.HOT);
        } finally {
            frames.exitParent(parent, stamp);
        }
        counters.reheats.increment();
        return child;
    }

    /**
     * Reads an evicted page into a free frame and swizzles the swip that names it. Package-private so that
     * tests can play a caller that read the swip as evicted before a race.
     */
    int fault(int parent, long stamp, long swipOffset, long pageId) {
        PageLoad load = new PageLoad();
        PageLoad running = loads.begin(pageId, load);
        if (running != null) {
            running.await();
            return RESTART;
        }
        int frame = -1;
        try {
            frame = allocateFrame();
            boolean installed;
            try {
                readInto(frame, pageId);
                table.setState(frame, FrameTable.LOADING);
                installed = swapEvictedSwip(parent, stamp, swipOffset, pageId, load, SwipWord.hot(frame));
            } catch (CorruptPageException e) {
                // A page resident while we read it may have been written meanwhile, tearing a sound page: only
                // a page that is still evicted, and was all along, is really damaged.
                if (swapEvictedSwip(parent, stamp, swipOffset, pageId, load, SwipWord.evicted(pageId))) {
                    throw e;
                }
                installed = false;
            }
            if (!installed) {
                counters.discardedLoads.increment();
                releaseFrame(frame);
                return RESTART;
            }
            counters.misses.increment(); // the frame is HOT and may already be in other hands: touch it no more
            // Installed; if the parent changed since the caller's stamp, the caller restarts all the same (and
            // finds the page resident).
            return stamp == PARENT_LATCHED || frames.validate(parent, stamp) ? frame : RESTART;
        } catch (RuntimeException | Error e) {
            if (frame >= 0) {
                releaseFrame(frame);
            }
            throw e;
        } finally {
            loads.end(pageId, load);
        }
    }

    /**
     * Replaces the swip that names an evicted page, if it still does and the page was not resident while
     * {@code load} read it; with {@code replacement} equal to the evicted word this only checks.
     *
     * <p>The common case: the parent still validates against the caller's stamp, so the swip is where the
     * caller saw it. Otherwise the parent changed, most often because a sibling's eviction bumped its version;
     * rather than discard the read, the swip is looked for among the page's live swips under its shared latch.
     * A page id is named by one live swip at a time, so a live swip holding the evicted word is the page's
     * reference, wherever it moved. What the read returned is the page's current content unless the page was
     * resident when the load was registered and evicted since (written back after the read): eviction marks
     * such a load stale ({@link PageLoads#markStale}), under the latch of the parent whose swip it changes.
     */
    private boolean swapEvictedSwip(
            int parent, long stamp, long swipOffset, long pageId, PageLoad load, long replacement) {
        long evicted = SwipWord.evicted(pageId);
        if (frames.enterParent(parent, stamp)) {
            try {
                return swap(parent, swipOffset, evicted, replacement);
            } finally {
                frames.exitParent(parent, stamp);
            }
        }
        if (!frames.tryLockSharedBriefly(parent)) {
            return false;
        }
        try {
            long state = table.state(parent);
            if (load.isStale()
                    || (state != FrameTable.HOT && state != FrameTable.COOLING && state != FrameTable.PINNED)) {
                return false; // stable under the shared latch: only an exclusive holder frees or evicts a frame
            }
            MemorySegment page = frames.page(parent);
            PageOwner owner = frames.owner(PageHeaderLayout.treeId(page));
            if (owner == null) {
                return false;
            }
            long offset = Words.getAcquire(page, swipOffset) == evicted && owner.isChildSwip(page, swipOffset)
                    ? swipOffset // usually the swip did not move
                    : liveSwipOffset(owner, page, evicted);
            return offset >= 0 && swap(parent, offset, evicted, replacement);
        } finally {
            frames.unlockShared(parent);
        }
    }

    /**
     * CASes a swip of a parent the caller holds latched; an installed frame turns HOT right here, under that
     * latch: once the swip is hot, another thread may reach the page and (holding the parent exclusively) free
     * its frame, so a later state change could overwrite the FREE of a frame already back on the free list.
     */
    private boolean swap(int parent, long offset, long expected, long replacement) {
        if (!Words.compareAndSet(frames.page(parent), offset, expected, replacement)) {
            return false;
        }
        if (SwipWord.isHot(replacement)) {
            table.setState((int) SwipWord.frameIndex(replacement), FrameTable.HOT);
        }
        return true;
    }

    /** The offset of the live swip in a latched page that holds {@code word}, or -1. */
    private static long liveSwipOffset(PageOwner owner, MemorySegment page, long word) {
        long[] found = {-1};
        owner.forEachChildSwip(page, offset -> {
            if (found[0] < 0 && Words.getAcquire(page, offset) == word) {
                found[0] = offset;
            }
        });
        return found[0];
    }

    private void readInto(int frame, long pageId) {
        io.read(pageId, frames.page(frame));
        table.setPageId(frame, pageId);
        table.clearDirty(frame);
    }

    // ---------------------------------------------------------------- pages

    /**
     * Creates a page: allocates a page id and a frame, writes a fresh header. The frame is returned latched
     * exclusively and dirty; the caller links it into a parent (a hot swip) or pins it, then unlocks it.
     *
     * @param treeId the owning tree
     * @param type the page type
     * @param hold the hold of the operation that logs the new page (the page is provisional until it closes)
     * @return the frame, held exclusively
     */
    public int newPage(int treeId, PageType type, RedoHolds.Hold hold) {
        checkOpen();
        long pageId = io.allocate(hold);
        int frame;
        try {
            frame = allocateFrame();
        } catch (RuntimeException | Error e) {
            io.free(pageId);
            throw e;
        }
        frames.lockExclusive(frame);
        MemorySegment page = frames.page(frame);
        page.fill((byte) 0);
        PageHeaderLayout.initialize(page, pageId, type, treeId);
        table.setPageId(frame, pageId);
        table.markDirty(frame);
        table.setState(frame, FrameTable.HOT);
        return frame;
    }

    /**
     * Deletes the page in a frame: its page id goes back to the allocator and the frame to the free list. The
     * caller holds the frame exclusively (this releases it) and has already removed the parent's swip, so no
     * new reader can reach it; readers still looking at it fail validation.
     *
     * @param frame the frame, held exclusively
     */
    public void freePage(int frame) {
        release(frame, true);
    }

    /**
     * Drops every frame holding a page of a tree that is being deleted, without writing it, and forgets the
     * tree's owner. The caller has made the tree unreachable (no reader or writer can enter it) and logged its
     * pages as freed; their ids stay allocated until the caller frees them. Eviction of the tree's frames stops
     * with its owner; an eviction already under way either finishes first or fails its parent's validation.
     *
     * @param treeId the tree
     * @return the frames dropped
     */
    public int discardTree(int treeId) {
        frames.unregisterOwner(treeId);
        int discarded = 0;
        for (int frame = 0; frame < frameCount(); frame++) {
            if (!holdsPageOf(frame, treeId)) {
                continue;
            }
            frames.lockExclusive(frame);
            if (holdsPageOf(frame, treeId)) {
                release(frame, false);
                discarded++;
            } else {
                frames.unlockExclusive(frame);
            }
        }
        return discarded;
    }

    private boolean holdsPageOf(int frame, int treeId) {
        long state = table.state(frame);
        return (state == FrameTable.HOT || state == FrameTable.COOLING || state == FrameTable.PINNED)
                && PageHeaderLayout.treeId(frames.page(frame)) == treeId;
    }

    /** Returns a frame held exclusively to the free list, and its page id to the allocator if asked. */
    private void release(int frame, boolean freePageId) {
        long pageId = table.pageId(frame);
        ReentrantLock lock = writeBack.lock(frame);
        lock.lock(); // a write of this page still in flight must land before its id can be reused
        try {
            pinned.remove(pageId, frame);
            frames.clearForReuse(frame);
            frames.unlockExclusive(frame);
            allocator.push(frame);
            if (freePageId) {
                io.free(pageId);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the frame of a pinned page (root, catalog), reading and pinning it on first use.
     *
     * @param pageId the page
     * @return its frame, never evicted until {@link #unpin}
     */
    public int fixPinned(long pageId) {
        while (true) {
            Integer frame = pinned.get(pageId);
            if (frame != null) {
                counters.hits.increment();
                return frame;
            }
            checkOpen();
            // The in-flight table, not computeIfAbsent: the load may evict, and eviction asks owners for parents,
            // which may fix pinned pages themselves; no map update may be in progress then.
            PageLoad load = new PageLoad();
            PageLoad running = loads.begin(pageId, load);
            if (running != null) {
                running.await();
                continue;
            }
            try {
                if (!pinned.containsKey(pageId)) {
                    return loadPinned(pageId);
                }
            } finally {
                loads.end(pageId, load);
            }
        }
    }

    private int loadPinned(long pageId) {
        int frame = allocateFrame();
        try {
            readInto(frame, pageId);
        } catch (RuntimeException | Error e) {
            releaseFrame(frame);
            throw e;
        }
        table.setState(frame, FrameTable.PINNED);
        pinned.put(pageId, frame);
        counters.misses.increment();
        return frame;
    }

    /**
     * Pins a frame returned by {@link #newPage} (a new root), so it is found by page id.
     *
     * @param frame the frame, which the caller still holds exclusively
     */
    public void pin(int frame) {
        table.setState(frame, FrameTable.PINNED);
        pinned.put(table.pageId(frame), frame);
    }

    /**
     * Unpins a page: writes it if dirty and frees its frame. The caller guarantees no one uses it any more.
     *
     * @param pageId a pinned page
     */
    public void unpin(long pageId) {
        Integer frame = pinned.remove(pageId);
        if (frame == null) {
            return;
        }
        writeBack.writeBeforeRelease(frame);
        frames.lockExclusive(frame);
        table.setState(frame, FrameTable.FREE);
        frames.unlockExclusive(frame);
        allocator.push(frame);
    }

    // ---------------------------------------------------------------- frame allocation

    /** Takes a free frame ({@link FrameAllocator#allocate}). */
    int allocateFrame() {
        return allocator.allocate();
    }

    /** Puts a frame that was never reachable (or no longer is) back on the free list. */
    void releaseFrame(int frame) {
        allocator.release(frame);
    }

    /**
     * Writes every dirty frame (a fuzzy checkpoint: writers continue; each page is copied under its shared
     * latch for a moment).
     *
     * @return the number of pages written
     */
    public int writeDirtyPages() {
        return writeBack.writeDirtyPages();
    }

    // ---------------------------------------------------------------- stats and lifecycle

    /** Bytes of dirty pages written so that their frames could be reused (eviction, unpinning), since opening. */
    public long evictionWriteBytes() {
        return counters.evictionWriteBytes.sum();
    }

    /** Bytes of dirty pages written by checkpoints since opening. */
    public long checkpointWriteBytes() {
        return counters.checkpointWriteBytes.sum();
    }

    /** Reads the current counters and gauges, as the store's stats report them. */
    public PageboxStats.Pool stats() {
        return counters.snapshot(frames, allocator.freeCount());
    }

    Evictor evictor() {
        return allocator.evictor();
    }

    private void checkOpen() {
        if (closed) {
            throw new PageboxClosedException("buffer pool");
        }
    }

    /**
     * Stops the page provider and releases the frame memory. Does not write dirty pages: the engine
     * checkpoints first.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        allocator.close();
        frames.close();
    }
}
