/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.BufferPoolExhaustedException;
import dev.pagebox.DiskFullException;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Where the pool's free frames come from: the free list ({@link FreeFrames}), kept stocked ahead of need by the
 * {@link PageProvider} thread, and the {@link Evictor} with its cooling stage, which a caller runs in the foreground
 * when the list is empty. When nothing can be evicted (every frame latched, pinned or loading) a caller waits for a
 * frame up to the configured timeout; when dirty pages cannot be written (a full disk, a fenced log) it fails at once
 * with the cause. The pool never grows.
 */
final class FrameAllocator {
    private final BufferPoolConfig config;
    private final Frames frames;
    private final PoolCounters counters;
    private final FreeFrames free;
    private final CoolingQueue cooling;
    private final Evictor evictor;
    private final @Nullable PageProvider provider;
    private volatile boolean closed;

    FrameAllocator(
            BufferPoolConfig config, Frames frames, WriteBack writeBack, PageLoads loads, PoolCounters counters) {
        this.config = config;
        this.frames = frames;
        this.counters = counters;
        this.free = new FreeFrames(config.frameCount());
        for (int frame = config.frameCount() - 1; frame >= 0; frame--) {
            free.push(frame);
        }
        this.cooling = new CoolingQueue(config.frameCount());
        this.evictor = new Evictor(frames, writeBack, loads, cooling, counters, config.coolingPercent());
        this.provider = config.backgroundProvider() ? PageProvider.start(frames, evictor, free, config) : null;
    }

    /**
     * Takes a free frame, evicting in the foreground if none is free, waiting for the page provider if nothing can
     * be evicted, and giving up after the configured timeout.
     *
     * @return the frame, owned by the caller (not latched, state {@link FrameTable#FREE})
     * @throws BufferPoolExhaustedException if no frame became free in time
     * @throws DiskFullException if dirty pages cannot be written because the disk is full
     * @throws PageboxClosedException if the pool closed meanwhile
     */
    int allocate() {
        int frame = free.poll();
        if (frame >= 0) {
            if (provider != null) {
                provider.onFrameTaken();
            }
            return frame;
        }
        counters.frameWaits.increment();
        long started = System.nanoTime();
        long deadline = started + FreeFrames.toNanos(config.frameWaitTimeout());
        while (true) {
            if (closed) {
                throw new PageboxClosedException("buffer pool");
            }
            frame = evictor.evictOne();
            if (frame >= 0) {
                return frame;
            }
            PageboxException cannotWrite = evictor.writeFailureSince(started);
            if (cannotWrite != null) {
                throw noFrameBecause(cannotWrite);
            }
            if (provider != null) {
                provider.wake();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new BufferPoolExhaustedException("no buffer frame became free within "
                        + config.frameWaitTimeout() + ": all " + frames.frameCount() + " frames of "
                        + frames.pageSize() + " bytes are latched, pinned or being loaded; raise the pool size ("
                        + frames.census() + ", cooling queue " + cooling.size() + ")");
            }
            try {
                frame = free.poll(Math.min(left, 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BufferPoolExhaustedException("interrupted while waiting for a buffer frame");
            }
            if (frame >= 0) {
                return frame;
            }
        }
    }

    /**
     * Nothing could be evicted and dirty pages could not be written: waiting would not help while the cause lasts
     * (a full disk, a fenced log), so the caller fails at once with it.
     */
    private static PageboxException noFrameBecause(PageboxException cause) {
        String message =
                "no buffer frame could be freed: the clean pages are in use and the dirty ones cannot be " + "written";
        if (cause instanceof DiskFullException) {
            return new DiskFullException(message, new IOException(cause.getMessage(), cause));
        }
        return new BufferPoolExhaustedException(message + " (" + cause.getMessage() + ")", cause);
    }

    /** Puts a frame that no swip or table reaches (any more) back on the free list, clean and free. */
    void release(int frame) {
        frames.clearForReuse(frame);
        free.push(frame);
    }

    /** Puts a frame the caller already made free and unlatched back on the free list. */
    void push(int frame) {
        free.push(frame);
    }

    /** Frames on the free list now. */
    int freeCount() {
        return free.size();
    }

    Evictor evictor() {
        return evictor;
    }

    /** Stops the page provider; callers waiting for a frame fail from now on. */
    void close() {
        closed = true;
        if (provider != null) {
            provider.stop();
        }
    }
}
