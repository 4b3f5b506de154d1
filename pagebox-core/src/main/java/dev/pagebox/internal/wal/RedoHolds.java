/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <h2>Why no lock is needed</h2>
 * A checkpoint reads the log's end {@code e} and then the open holds. A hold registered before that read is seen,
 * and its own LSN is at most that of its first record. A hold not seen was registered after the read, and its
 * records, all appended after it was registered, lie at or after {@code e}. Either way no record of an open
 * operation lies below the redo point. Registration is one concurrent-set insertion: cheap enough for every
 * split and batch, not meant for every put.
 */
public final class RedoHolds {
    /** A hold that is already closed: for allocations outside any logged operation (tests, tools). */
    public static final Hold CLOSED = new RedoHolds(() -> 0).open();

    static {
        CLOSED.close();
    }

    private final LongSupplier logEnd;
    private final Set<Hold> open = ConcurrentHashMap.newKeySet();

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
        Hold hold = new Hold(logEnd.getAsLong());
        open.add(hold);
        return hold;
    }

    /**
     * Returns the redo point a checkpoint may use: the lower of {@code end} and the LSN of the oldest open hold.
     *
     * @param end the log's end, read by the caller before this call
     * @return the redo point
     */
    public long redoPoint(long end) {
        long point = end;
        for (Hold hold : open) {
            point = Math.min(point, hold.lsn);
        }
        return point;
    }

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
            closed = true;
            open.remove(this);
        }
    }
}
