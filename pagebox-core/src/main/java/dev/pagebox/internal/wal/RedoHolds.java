/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * Keeps a checkpoint's redo point from passing work that is still in progress.
 *
 * <p>Some operations are more than one log record, or change state outside the log after their record: an atomic
 * batch (its record, then one record per step), a split (a page allocated before its record is appended), a merge
 * or an overflow value (pages freed after their record). If a checkpoint took the log's end as its redo point in
 * the middle of such an operation, recovery would start after the operation's first record and never learn of
 * the rest, or the checkpoint's allocator snapshot would disagree with the records recovery replays.
 *
 * <p>Such an operation therefore opens a {@link Hold} before its first record (and before its first allocator
 * change) and closes it after its last. A hold remembers the log's end when it was opened; a checkpoint's redo
 * point is the lowest of the log's end and the holds still open ({@link #redoPoint}), so every record of an
 * operation in progress lies at or after the redo point and is replayed.
 *
 * <h2>Why a checkpoint reads the end and the holds under a lock</h2>
 * A checkpoint reads the log's end {@code e} and the open holds together, under the write side of a
 * read-write lock whose read side opening and closing a hold take for a moment ({@link #redoPoint}). So a hold
 * closed before the read was closed after its last record was appended, which then lies below {@code e} (and the
 * checkpoint writes every page changed below {@code e}); a hold opened after it has an LSN of at least {@code e};
 * any other hold is seen. Without the lock an operation could append a record after {@code e} was read and close
 * before the holds were read: its records would lie on both sides of a redo point that another hold lowered, with
 * a later record on a page the checkpoint did not write, and recovery would have to redo a batch's step without its
 * batch record.
 *
 * <p>The records of an operation that closed before the read may still lie on both sides of the redo point when
 * another hold lowers it; recovery then meets its later records without its first ones. Their pages were written
 * by the checkpoint, or freed before it wrote them (their content no longer matters), so redo skips such records
 * and never needs what only the earlier records hold.
 * Registration is a lock's read side and one concurrent-set insertion: cheap enough for every split and batch,
 * not meant for every put.
 */
public final class RedoHolds {
    /** A hold that is already closed: for allocations outside any logged operation (tests, tools). */
    public static final Hold CLOSED = new RedoHolds(() -> 0).open();

    static {
        CLOSED.close();
    }

    private final LongSupplier logEnd;
    private final Set<Hold> open = ConcurrentHashMap.newKeySet();
    private final ReentrantReadWriteLock scan = new ReentrantReadWriteLock();

    /**
     * Creates the holds of a log.
     *
     * @param logEnd the log's end LSN
     */
    public RedoHolds(LongSupplier logEnd) {
        this.logEnd = logEnd;
    }

    /**
     * Opens a hold at the log's current end; close it after the operation's last record and allocator change.
     *
     * @return the open hold
     */
    public Hold open() {
        scan.readLock().lock();
        try {
            Hold hold = new Hold(logEnd.getAsLong());
            open.add(hold);
            return hold;
        } finally {
            scan.readLock().unlock();
        }
    }

    /**
     * Reads the log's end and the open holds together (see the class comment).
     *
     * @return the log's end and the redo point a checkpoint may use: the lower of the end and the LSN of the oldest
     *     open hold
     */
    public RedoPoint redoPoint() {
        scan.writeLock().lock();
        try {
            long end = logEnd.getAsLong();
            long point = end;
            for (Hold hold : open) {
                point = Math.min(point, hold.lsn);
            }
            return new RedoPoint(end, point);
        } finally {
            scan.writeLock().unlock();
        }
    }

    /**
     * The log's end and a checkpoint's redo point, read together.
     *
     * @param end the log's end
     * @param redo where recovery may start: at most {@code end}
     */
    public record RedoPoint(long end, long redo) {}

    /** An operation in progress; see {@link RedoHolds}. */
    public final class Hold implements AutoCloseable {
        private final long lsn;
        private volatile boolean closed;

        private Hold(long lsn) {
            this.lsn = lsn;
        }

        /**
         * Returns the log's end when the hold was opened.
         *
         * @return the LSN below which none of the operation's records lies
         */
        public long lsn() {
            return lsn;
        }

        /**
         * Tells whether the operation is still in progress.
         *
         * @return false once closed
         */
        public boolean isOpen() {
            return !closed;
        }

        /** Ends the hold; closing twice does nothing. */
        @Override
        public void close() {
            scan.readLock().lock();
            try {
                closed = true;
                open.remove(this);
            } finally {
                scan.readLock().unlock();
            }
        }
    }
}
