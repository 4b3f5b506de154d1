/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread of a component's background loop (the log's flusher, the pool's page provider, the checkpointer) and
 * its stop protocol, written once: the owner asks the loop to stop, wakes it, and waits until it has ended. The
 * loop polls {@link #stopping()} between steps and parks with {@link LockSupport}, so {@link #wake()} and
 * {@link #stop()} reach it wherever it waits.
 *
 * <p>The thread is never interrupted: an interrupt during {@code FileChannel} I/O closes the channel for every
 * thread. For the same reason {@link #stop()} keeps waiting when its caller is interrupted, and restores the
 * caller's interrupt status afterwards: a loop left running after its owner closed would touch released memory.
 */
public final class BackgroundLoop {
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * Creates the loop's thread, a daemon, not started.
     *
     * @param threads creates the thread (the engine's may pin it to CPUs)
     * @param name the thread's name
     * @param loop the loop; it returns once {@link #stopping()} says so (after any work it must finish)
     */
    public BackgroundLoop(ThreadFactory threads, String name, Runnable loop) {
        this.thread = threads.newThread(loop);
        thread.setName(name);
        thread.setDaemon(true);
    }

    /** Starts the thread. */
    public void start() {
        thread.start();
    }

    /**
     * Tells the loop whether its owner asked it to stop.
     *
     * @return true once {@link #stop()} was called
     */
    public boolean stopping() {
        return stopping;
    }

    /** Unparks the thread if it is parked (or makes its next park return at once). */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /** Asks the loop to stop, wakes it and waits until its thread has ended; a second call only waits. */
    public void stop() {
        stopping = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
