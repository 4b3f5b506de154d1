/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Zero-fills the next segment's file on a thread of its own. Filling and syncing a 64 MiB segment takes a few
 * hundred milliseconds; on the flusher it would stop every sync meanwhile, and writers would wait for room in
 * the log buffer or for durability. The thread starts on the first request and ends after a minute idle.
 * Requests coalesce: at most one waits while one runs. A flusher that reaches the next segment before its spare
 * is ready creates the file itself, as without a spare ({@link SegmentFiles#prepareSpare}).
 */
final class SparePreparer {
    private final SegmentFiles files;
    private final BooleanSupplier fenced;
    private final ThreadPoolExecutor executor;
    private final AtomicBoolean pending = new AtomicBoolean();

    private final DiskSpace space;

    SparePreparer(SegmentFiles files, WalConfig config, BooleanSupplier fenced, DiskSpace space) {
        this.files = files;
        this.fenced = fenced;
        this.space = space;
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                1,
                TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = config.threads().newThread(task);
                    thread.setName("pagebox-wal-spare " + config.directory());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** Asks for the next segment's spare; returns at once. Ignored once stopped. */
    void request() {
        if (!fenced.getAsBoolean() && pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                if (!fenced.getAsBoolean()) { // a fenced log syncs nothing more, spares included
                    files.prepareSpare(fenced, space);
                }
            });
        }
    }

    /** Runs the requests already made, then stops; waits for that. */
    void stop() {
        executor.shutdown();
        boolean interrupted = false;
        while (!executor.isTerminated()) {
            try {
                executor.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
