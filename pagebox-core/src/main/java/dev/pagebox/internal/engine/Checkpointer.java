/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.DiskFullException;
import dev.pagebox.internal.nativeio.BackgroundLoop;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A platform thread that checkpoints on an interval and whenever the log has grown by the configured size since
 * the last checkpoint. A failed checkpoint is logged and retried at the next trigger (a failed {@code fsync}
 * fences the store, and the checkpoint then fails at once each time).
 */
final class Checkpointer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());
    private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

    private final Runnable checkpoint;
    private final LongSupplier logBytesSinceCheckpoint;
    private final long interval;
    private final long walSize;
    private final BackgroundLoop loop;

    Checkpointer(
            Runnable checkpoint,
            LongSupplier logBytesSinceCheckpoint,
            Duration interval,
            long walSize,
            ThreadFactory threads) {
        this.checkpoint = checkpoint;
        this.logBytesSinceCheckpoint = logBytesSinceCheckpoint;
        this.interval = interval.isZero() ? Long.MAX_VALUE : interval.toNanos();
        this.walSize = walSize;
        this.loop = new BackgroundLoop(threads, "pagebox-checkpointer", this::run);
    }

    void start() {
        loop.start();
    }

    private void run() {
        long last = System.nanoTime();
        while (!loop.stopping()) {
            LockSupport.parkNanos(POLL_NANOS);
            if (loop.stopping()) {
                return;
            }
            if (System.nanoTime() - last >= interval || logBytesSinceCheckpoint.getAsLong() >= walSize) {
                try {
                    checkpoint.run();
                } catch (DiskFullException e) {
                    // Reported once per episode by the store's disk-space monitor; retried at the next trigger.
                } catch (RuntimeException e) {
                    if (!loop.stopping()) {
                        LOG.log(System.Logger.Level.WARNING, "background checkpoint failed", e);
                    }
                }
                last = System.nanoTime();
            }
        }
    }

    /** Stops the thread and waits for a checkpoint in progress to finish. */
    @Override
    public void close() {
        loop.stop();
    }
}
