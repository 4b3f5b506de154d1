/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.internal.nativeio.BackgroundLoop;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The background page provider of LeanStore: keeps a few percent of the frames free and the cooling stage
 * filled, writing dirty cooling pages ahead of need, so that foreground threads rarely evict or do write-back
 * I/O themselves. A platform thread: it does blocking I/O in a loop for the life of the pool.
 *
 * <p>Waking a parked thread costs a system call and, on a busy machine, a context switch: more than a warm
 * page fault. So foreground threads wake the provider only when it is parked and the free list fell below half
 * its target (a volatile read otherwise), and the provider refills to the full target before it parks again.
 */
final class PageProvider implements Runnable {
    private static final System.Logger LOG = System.getLogger(PageProvider.class.getName());
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long FAILURE_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Frames frames;
    private final Evictor evictor;
    private final FreeFrames free;
    private final int freeTarget;
    private final int wakeBelow;
    private final BackgroundLoop loop;
    /** Set by the provider before it parks; whoever clears it unparks it. */
    private final AtomicBoolean parked = new AtomicBoolean();

    private PageProvider(Frames frames, Evictor evictor, FreeFrames free, BufferPoolConfig config) {
        this.frames = frames;
        this.evictor = evictor;
        this.free = free;
        this.freeTarget = Math.max(2, config.frameCount() * config.freePercent() / 100);
        this.wakeBelow = (freeTarget + 1) / 2;
        this.loop = new BackgroundLoop(config.threads(), "pagebox-page-provider", this);
    }

    static PageProvider start(Frames frames, Evictor evictor, FreeFrames free, BufferPoolConfig config) {
        PageProvider provider = new PageProvider(frames, evictor, free, config);
        provider.loop.start();
        return provider;
    }

    /** Called after a frame was taken: wakes the provider when the free list drops below half its target. */
    void onFrameTaken() {
        if (parked.get() && free.size() < wakeBelow) {
            wake();
        }
    }

    /** Wakes the provider if it is parked. */
    void wake() {
        if (parked.get() && parked.compareAndSet(true, false)) {
            loop.wake();
        }
    }

    @Override
    public void run() {
        while (!stopped()) {
            long idle = IDLE_NANOS;
            try {
                while (!stopped() && free.size() < freeTarget) {
                    int frame = evictor.evictOne();
                    if (frame < 0) {
                        break;
                    }
                    frames.clearForReuse(frame);
                    free.push(frame);
                }
                if (!stopped()) {
                    evictor.coolUpToTarget();
                }
            } catch (RuntimeException e) {
                if (stopped()) {
                    return; // the pool is closing
                }
                // Failed write-backs are skipped inside the evictor (their cause is the store's state, reported
                // where it arose); anything else is a bug worth a log line, and a pause before the next try.
                LOG.log(System.Logger.Level.WARNING, "page provider could not evict: " + e.getMessage(), e);
                idle = FAILURE_BACKOFF_NANOS;
            }
            await(idle);
        }
    }

    private void await(long nanos) {
        parked.set(true);
        // Announced first, then the free list read: a thread that took a frame before the announcement did not
        // wake us, but then we see the list it left (both volatile).
        if (!stopped()) {
            // Below the target after the loop: nothing could be evicted just now, so try again soon.
            LockSupport.parkNanos(this, free.size() < freeTarget ? nanos / 10 : nanos);
        }
        parked.set(false);
    }

    /** Whether to end: the pool is closing, or someone interrupted the thread (nobody here does; stop, not spin). */
    private boolean stopped() {
        return loop.stopping() || Thread.currentThread().isInterrupted();
    }

    /** Stops the thread and waits for it (see {@link BackgroundLoop#stop()}). */
    void stop() {
        loop.stop();
    }
}
