/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.buffer.LogFlusher;
import dev.pagebox.internal.wal.LogClaim;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A log in memory: records with LSNs that grow like byte positions, and a durable LSN moved by flushes, so tests
 * can replay records and check the write-ahead rule.
 */
final class RecordingLog implements TreeLog, LogFlusher {
    record Entry(int type, byte[] payload, long lsn) {}

    private final List<Entry> entries = new ArrayList<>();
    private long end = 64;
    private long durable;
    private final RedoHolds holds = new RedoHolds(this::end);

    private synchronized long end() {
        return end;
    }

    @Override
    public LogClaim claim(int type, int length) {
        return LogClaim.inMemory(type, length);
    }

    @Override
    public synchronized long commit(LogClaim claim, CommitMode mode) {
        if (mode == CommitMode.STRICT) {
            throw new AssertionError("the tree must not append STRICT under latches");
        }
        if (claim.position() != claim.length()) {
            throw new AssertionError("record of type " + claim.type() + " committed half written");
        }
        long lsn = end;
        end += 24 + claim.length();
        entries.add(new Entry(claim.type(), claim.payload().toArray(ValueLayout.JAVA_BYTE), lsn));
        return lsn;
    }

    @Override
    public void abort(LogClaim claim) {}

    @Override
    public synchronized void flush(long lsn) {
        durable = Math.max(durable, lsn + 1);
    }

    @Override
    public synchronized void flushAll() {
        durable = end;
    }

    @Override
    public synchronized long durableLsn() {
        return durable;
    }

    @Override
    public RedoHolds.Hold hold() {
        return holds.open();
    }

    @Override
    public int maxPayloadSize() {
        return 512 * 1024 - 24;
    }

    @Override
    public void ensureDurable(long lsn) {
        flush(lsn);
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    synchronized long durable() {
        return durable;
    }
}
