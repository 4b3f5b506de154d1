/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.wal.LogClaim;
import dev.pagebox.internal.wal.RedoHolds;
import dev.pagebox.internal.wal.Wal;

/**
 * Where a tree logs its changes: the write-ahead log, or a test's record list. A record is encoded in place
 * ({@link TreeRecords}): its space is claimed, its payload written into the claim, and the claim committed, with the
 * tree's latches held throughout.
 */
public interface TreeLog {

    /**
     * Claims the space of a record (see {@link Wal#claim}).
     *
     * @param type a {@link TreeRecords} type
     * @param length the payload's length
     * @return the claim, to fill and then {@link #commit} or {@link #abort}
     */
    LogClaim claim(int type, int length);

    /**
     * Completes a claimed record without waiting for it to become durable (the tree holds latches meanwhile).
     *
     * @param claim a claim whose payload is written in full
     * @param mode {@code RELAXED} or {@code NONE}; a {@code STRICT} caller flushes after releasing its latches
     * @return the record's LSN
     */
    long commit(LogClaim claim, CommitMode mode);

    /**
     * Gives up a claim whose payload could not be written.
     *
     * @param claim the claim
     */
    void abort(LogClaim claim);

    /** Makes the record at {@code lsn} and all before it durable. */
    void flush(long lsn);

    /** Makes every record appended so far durable. */
    void flushAll();

    /** The end of the durable prefix of the log: every record below it is durable. */
    long durableLsn();

    /** The largest payload {@link #claim} takes. */
    int maxPayloadSize();

    /**
     * Opens a hold on the redo point for an operation that allocates or frees pages or spans several records
     * (see {@link RedoHolds}); close it after the operation's last record and allocator change.
     *
     * @return the open hold
     */
    RedoHolds.Hold hold();

    /**
     * Logs to a write-ahead log.
     *
     * @param wal the log
     * @return the tree log
     */
    static TreeLog of(Wal wal) {
        return new TreeLog() {
            @Override
            public LogClaim claim(int type, int length) {
                return wal.claim(type, length);
            }

            @Override
            public long commit(LogClaim claim, CommitMode mode) {
                return wal.commit(claim, mode);
            }

            @Override
            public void abort(LogClaim claim) {
                wal.abort(claim);
            }

            @Override
            public void flush(long lsn) {
                wal.flush(lsn);
            }

            @Override
            public void flushAll() {
                wal.flushAll();
            }

            @Override
            public long durableLsn() {
                return wal.durableLsn();
            }

            @Override
            public int maxPayloadSize() {
                return wal.maxPayloadSize();
            }

            @Override
            public RedoHolds.Hold hold() {
                return wal.holds().open();
            }
        };
    }
}
