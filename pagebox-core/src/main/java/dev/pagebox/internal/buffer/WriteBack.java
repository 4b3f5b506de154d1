/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.internal.page.PageHeaderLayout;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes dirty frames to the page store under the write-ahead rule: a frame is copied under its shared latch in its
 * on-disk form ({@link Frames#copyInDiskForm}), the log is made durable up to the copy's page LSN
 * ({@link LogFlusher#ensureDurable}), then the copy is written. Writers of the page are blocked only for the copy.
 *
 * <p>Write-backs of a frame are serialised by a striped lock: the page provider, a foreground
 * evictor and a checkpoint could otherwise copy a frame at two versions and land their writes in the opposite
 * order, leaving the older version on disk while the frame counts as clean. Eviction holds the lock from its
 * write-back through the swip change, and freeing a page holds it while the page id goes back to the allocator, so
 * no write of a page is in flight once it is evicted or freed (a page read back from disk meanwhile would be old).
 *
 * <p>Copies go to a fixed set of page-sized, page-aligned buffers, not one per thread: thousands of virtual threads
 * must not mean thousands of buffers.
 */
final class WriteBack {
    static final int WROTE = 1;
    static final int WAS_CLEAN = 0;
    static final int BUSY = -1;

    private static final int IO_BUFFERS = 8;
    private static final int LOCK_STRIPES = 64;

    private final Frames frames;
    private final FrameTable table;
    private final PageIo io;
    private final LogFlusher log;
    private final PoolCounters counters;
    private final ArrayBlockingQueue<MemorySegment> buffers = new ArrayBlockingQueue<>(IO_BUFFERS);
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    WriteBack(Frames frames, PageIo io, LogFlusher log, PoolCounters counters) {
        this.frames = frames;
        this.table = frames.table();
        this.io = io;
        this.log = log;
        this.counters = counters;
        int pageSize = frames.pageSize();
        MemorySegment memory = frames.allocate((long) IO_BUFFERS * pageSize, pageSize);
        for (int i = 0; i < IO_BUFFERS; i++) {
            buffers.add(memory.asSlice((long) i * pageSize, pageSize));
        }
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The write-back lock a caller must hold across {@link #writeLocked} and what depends on its result. */
    ReentrantLock lock(int frame) {
        return locks[frame & (LOCK_STRIPES - 1)];
    }

    private MemorySegment takeBuffer() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return buffers.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes a frame's page if it is dirty before the frame is given up (an unpinned page), waiting as
     * {@link #writeDirtyPages} does.
     *
     * @param frame the frame
     * @return {@link #WROTE} or {@link #WAS_CLEAN}
     */
    int writeBeforeRelease(int frame) {
        return writeWaiting(frame, counters.evictionWriteBytes);
    }

    /**
     * Writes a frame's page if it is dirty, waiting for a write-back in flight (whose dirty flag is already cleared
     * though its write has not landed) and for the frame's exclusive holder. Never waits for the latch while holding
     * the write-back lock: freeing a page takes that lock while holding the latch.
     */
    private int writeWaiting(int frame, LongAdder bytes) {
        ReentrantLock writeBack = lock(frame);
        while (true) {
            writeBack.lock();
            try {
                long state = table.state(frame);
                if (!table.isDirty(frame) || state == FrameTable.FREE || state == FrameTable.LOADING) {
                    return WAS_CLEAN;
                }
                int result = writeLocked(frame, bytes);
                if (result != BUSY) {
                    return result;
                }
            } finally {
                writeBack.unlock();
            }
            frames.optimistic(frame); // waits while the frame is held exclusively
        }
    }

    /**
     * Writes a frame's page if it is dirty, for a caller that holds the frame's write-back lock; gives up if the
     * frame is latched exclusively right now (the caller must not wait for the latch while holding the lock).
     */
    int writeLocked(int frame) {
        return writeLocked(frame, counters.evictionWriteBytes);
    }

    /** {@link #writeLocked(int)}, counting the bytes written in {@code bytes}. */
    private int writeLocked(int frame, LongAdder bytes) {
        if (!table.isDirty(frame)) {
            return WAS_CLEAN;
        }
        MemorySegment copy = takeBuffer();
        try {
            if (!frames.tryLockShared(frame)) {
                return BUSY;
            }
            long pageId;
            try {
                long state = table.state(frame);
                if (state == FrameTable.FREE || state == FrameTable.LOADING || !table.clearDirty(frame)) {
                    return WAS_CLEAN;
                }
                pageId = table.pageId(frame);
                frames.copyInDiskForm(frame, copy);
            } finally {
                frames.unlockShared(frame);
            }
            try {
                log.ensureDurable(PageHeaderLayout.pageLsn(copy));
                io.write(pageId, copy);
            } catch (RuntimeException | Error e) {
                table.markDirty(frame);
                throw e;
            }
            counters.writeBacks.increment();
            bytes.add(copy.byteSize());
            return WROTE;
        } finally {
            buffers.add(copy);
        }
    }

    /**
     * Writes every dirty frame (a fuzzy checkpoint: writers continue; each page is copied under its shared latch
     * for a moment), waiting for write-backs already in flight so that none is missed.
     *
     * @return the number of pages written
     */
    int writeDirtyPages() {
        int written = 0;
        for (int frame = 0; frame < frames.frameCount(); frame++) {
            written += writeWaiting(frame, counters.checkpointWriteBytes) == WROTE ? 1 : 0;
        }
        return written;
    }
}
