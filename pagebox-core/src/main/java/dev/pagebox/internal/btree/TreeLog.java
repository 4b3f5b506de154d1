/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.wal.RedoHolds;
import dev.pagebox.internal.wal.Wal;
import java.lang.foreign.MemorySegment;

/** Where a tree logs its changes: the write-ahead log, or a test's record list. */
public interface TreeLog {

    /**
     * Appends a record without waiting for it to become durable (the tree holds latches meanwhile).
     *
     * @param type a {@link TreeRecords} type
     * @param payload the record
     * @param mode {@code RELAXED} or {@code NONE}; a {@code STRICT} caller flushes after releasing its latches
     * @return the record's LSN
     */
    long append(int type, MemorySegment payload, CommitMode mode);

    /** Makes the record at {@code lsn} and all before it durable. */
    void flush(long lsn);

    /** Makes every record appended so far durable. */
    void flushAll();

    /** The end of the durable prefix of the log: every record below it is durable. */
    long durableLsn();

    /** The largest payload {@link #append} takes. */
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
            public long append(int type, MemorySegment payload, CommitMode mode) {
                return wal.append(type, payload, mode);
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
