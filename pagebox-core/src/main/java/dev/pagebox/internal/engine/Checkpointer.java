/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.DiskFullException;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxStats;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.nativeio.BackgroundLoop;
import dev.pagebox.internal.store.FreeSpaceSnapshot;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.wal.RedoHolds;
import dev.pagebox.internal.wal.Wal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The store's checkpoints: the fuzzy checkpoint itself ({@link #checkpoint()}), and the platform thread that runs
 * one on an interval and whenever the log has grown by the configured size since the last one. A failed background
 * checkpoint is logged and retried at the next trigger (a failed {@code fsync} fences the store, and the checkpoint
 * then fails at once each time).
 *
 * <h2>The checkpoint</h2>
 * The log's end {@code e} becomes the pool's full-image threshold, so every later first change of a page logs the
 * page's image; the redo point is {@code e} or, lower, the start of the oldest operation still in progress
 * ({@link RedoHolds}); every dirty page is written while writers go on; the allocator's snapshot is taken and only
 * then the log flushed, so every record whose allocator change the snapshot shows is durable before the snapshot is
 * stored; the store syncs and records the redo point, the snapshot and the user meta slots in its next header copy;
 * log segments before the redo point are dropped.
 *
 * <p>Checkpoints are serialised by this object's lock, which backups and tree drops also hold
 * ({@link #holdingCheckpoints}): a backup must not see the header and log move under it, and a drop must not be cut
 * in two by a redo point.
 */
final class Checkpointer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());
    private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

    private final Path directory;
    private final PageStore store;
    private final Wal wal;
    private final BufferPool pool;
    private final Catalog catalog;
    private final UserMeta userMeta;
    private final long interval;
    private final long walSize;
    private final BackgroundLoop loop;
    private final Object lock = new Object();
    private final AtomicLong count = new AtomicLong();
    private volatile long lastRedoLsn;
    private volatile @Nullable Instant lastCompleted;
    private volatile Duration lastDuration = Duration.ZERO;

    Checkpointer(
            Path directory,
            PageboxOptions options,
            PageStore store,
            Wal wal,
            BufferPool pool,
            Catalog catalog,
            UserMeta userMeta,
            ThreadFactory threads) {
        this.directory = directory;
        this.store = store;
        this.wal = wal;
        this.pool = pool;
        this.catalog = catalog;
        this.userMeta = userMeta;
        this.interval = options.checkpointInterval().isZero()
                ? Long.MAX_VALUE
                : options.checkpointInterval().toNanos();
        this.walSize = options.checkpointWalSize();
        this.loop = new BackgroundLoop(threads, "pagebox-checkpointer", this::run);
    }

    /** Starts the background thread. */
    void start() {
        loop.start();
    }

    /**
     * Runs a checkpoint now (see the class comment); writers go on meanwhile.
     *
     * @throws DiskFullException if the disk is full (the last completed checkpoint and the log still hold everything)
     */
    void checkpoint() {
        synchronized (lock) {
            long started = System.nanoTime();
            // Every change that races with the read below logs its page's image (its afterChange sees this), so
            // none can land at or after the end without the image that would repair its page if a later write tore.
            pool.setFullImageThreshold(Long.MAX_VALUE);
            RedoHolds.RedoPoint point = wal.holds().redoPoint();
            pool.setFullImageThreshold(point.end());
            long redo = point.redo();
            pool.writeDirtyPages();
            FreeSpaceSnapshot free = store.allocator().snapshot();
            wal.flushAll();
            store.writeCheckpoint(redo, catalog.tree().rootPageId(), userMeta.toHeader(), free);
            wal.truncateBefore(redo);
            lastRedoLsn = redo;
            lastDuration = Duration.ofNanos(System.nanoTime() - started);
            lastCompleted = Instant.now();
            count.incrementAndGet();
        }
    }

    /**
     * Runs a checkpoint unless the disk is full, which is then logged at {@code level} with {@code message} (given
     * the directory and the failure's message): the store is consistent either way, since the last completed
     * checkpoint and the log hold every acknowledged write.
     */
    void checkpointUnlessDiskFull(System.Logger.Level level, String message) {
        try {
            checkpoint();
        } catch (DiskFullException e) {
            LOG.log(level, message, directory, e.getMessage());
        }
    }

    /**
     * Runs {@code action} with checkpoints held off: none starts or runs meanwhile.
     *
     * @param action what must not overlap a checkpoint
     * @return what it returns
     */
    <T> T holdingCheckpoints(Supplier<T> action) {
        synchronized (lock) {
            return action.get();
        }
    }

    /** The redo point of the last checkpoint: recovery starts there. */
    long lastRedoLsn() {
        return lastRedoLsn;
    }

    /** Checkpoints completed since the store was opened (the one at open included). */
    long count() {
        return count.get();
    }

    /** The checkpoints' part of the store's stats. */
    PageboxStats.Checkpoints stats() {
        return new PageboxStats.Checkpoints(count.get(), lastRedoLsn, lastCompleted, lastDuration);
    }

    private void run() {
        long last = System.nanoTime();
        while (!loop.stopping()) {
            LockSupport.parkNanos(POLL_NANOS);
            if (loop.stopping()) {
                return;
            }
            if (System.nanoTime() - last >= interval || wal.endLsn() - lastRedoLsn >= walSize) {
                try {
                    checkpoint();
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
