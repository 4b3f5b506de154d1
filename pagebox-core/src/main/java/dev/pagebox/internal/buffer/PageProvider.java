/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The background page provider of LeanStore: keeps a few percent of the frames free and the cooling stage
 * filled, writing dirty cooling pages ahead of need, so that foreground threads rarely evict or do write-back
 * I/O themselves. A platform thread: it does blocking I/O in a loop for the life of the pool.
 */
final class PageProvider implements Runnable {
    private static final System.Logger LOG = System.getLogger(PageProvider.class.getName());
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long FAILURE_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BufferPool pool;
    private final Evictor evictor;
    private final FreeFrames free;
    private final int freeTarget;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeup = lock.newCondition();
    private final Thread thread;
    private volatile boolean stopped;

    private PageProvider(BufferPool pool, Evictor evictor, FreeFrames free, BufferPoolConfig config) {
        this.pool = pool;
        this.evictor = evictor;
        this.free = free;
        this.freeTarget = Math.max(2, config.frameCount() * config.freePercent() / 100);
        this.thread = config.threads().newThread(this);
        thread.setName("pagebox-page-provider");
        thread.setDaemon(true);
    }

    static PageProvider start(BufferPool pool, Evictor evictor, FreeFrames free, BufferPoolConfig config) {
        PageProvider provider = new PageProvider(pool, evictor, free, config);
        provider.thread.start();
        return provider;
    }

    /** Called after a frame was taken: wakes the provider when the free list drops below its target. */
    void onFrameTaken() {
        if (free.size() < freeTarget) {
            wake();
        }
    }

    void wake() {
        lock.lock();
        try {
            wakeup.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            long idle = IDLE_NANOS;
            try {
                while (!stopped && free.size() < freeTarget) {
                    int frame = evictor.evictOne();
                    if (frame < 0) {
                        break;
                    }
                    pool.releaseFrame(frame);
                }
                if (!stopped) {
                    evictor.coolUpToTarget();
                }
            } catch (RuntimeException e) {
                if (pool.isClosed()) {
                    return;
                }
                // A failed write-back (the store may be fenced): the page stays dirty and resident; try later.
                LOG.log(System.Logger.Level.WARNING, "page provider could not evict: " + e.getMessage(), e);
                idle = FAILURE_BACKOFF_NANOS;
            }
            await(idle);
        }
    }

    private void await(long nanos) {
        lock.lock();
        try {
            if (!stopped && free.size() >= freeTarget) {
                wakeup.awaitNanos(nanos);
            } else if (!stopped) {
                wakeup.awaitNanos(nanos / 10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread. Never interrupts it: an interrupt during FileChannel I/O would close the channel. */
    void stop() {
        stopped = true;
        wake();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
