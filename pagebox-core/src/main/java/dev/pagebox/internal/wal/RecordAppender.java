/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.CommitMode;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The write side of a {@link Wal}: records claimed in the log buffer ({@link LogBuffer#reserve}), filled in place
 * ({@link LogClaim}), then checksummed and published ({@link WalRecordLayout#finishRecord}, {@link LogBuffer#publish})
 * and waited for as their commit mode says. A read-only log has no buffer: a record is then only counted, and its LSN
 * handed out in memory.
 */
final class RecordAppender {
    private final WalConfig config;
    private final @Nullable LogBuffer buffer;
    private final @Nullable Flusher flusher;
    private final DurabilityWaiters durability;
    /** Read-only: where the next LSN is handed out. */
    private final AtomicLong memoryEnd;

    RecordAppender(
            WalConfig config,
            @Nullable LogBuffer buffer,
            @Nullable Flusher flusher,
            DurabilityWaiters durability,
            AtomicLong memoryEnd) {
        this.config = config;
        this.buffer = buffer;
        this.flusher = flusher;
        this.durability = durability;
        this.memoryEnd = memoryEnd;
    }

    /** See {@link Wal#claim}. */
    LogClaim claim(int type, int length) {
        int size = recordSize(type, length);
        if (buffer == null) {
            return LogClaim.inMemory(type, length); // read-only: the LSN is handed out at commit
        }
        long lsn = buffer.reserve(size, false);
        long offset = buffer.offset(lsn);
        WalRecordLayout.clearPadding(buffer.ring(), offset, length);
        return new LogClaim(
                buffer.ring(),
                buffer.payloadBytes(),
                (int) offset + WalRecordLayout.HEADER_SIZE,
                length,
                type,
                lsn,
                lsn - durability.durable());
    }

    /** See {@link Wal#commit}. */
    long commit(LogClaim claim, CommitMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (claim.position() != claim.length()) {
            abort(claim);
            throw new IllegalStateException("log record of type " + claim.type() + " was committed with "
                    + claim.position() + " of its " + claim.length() + " payload bytes written");
        }
        if (!claim.markCommitted()) {
            throw new IllegalStateException("log record claim committed or aborted twice");
        }
        int size = WalRecordLayout.recordSize(claim.length());
        if (buffer == null) {
            return memoryEnd.getAndAdd(size);
        }
        long lsn = claim.lsn();
        WalRecordLayout.finishRecord(
                buffer.ring(), claim.recordOffset(), lsn, claim.type(), 0, claim.behind(), claim.length());
        return publish(lsn, size, mode);
    }

    /** See {@link Wal#abort}. */
    void abort(LogClaim claim) {
        if (claim.markAborted() && buffer != null) {
            long lsn = claim.lsn();
            WalRecordLayout.fillAfterFirstWord(
                    buffer.ring(), claim.recordOffset(), lsn, WalRecordLayout.recordSize(claim.length()));
            buffer.publish(lsn, WalRecordLayout.fillerWord(lsn));
            flusher().published();
        }
    }

    /** See {@link Wal#append(int, MemorySegment, CommitMode)}. */
    long append(int type, MemorySegment payload, CommitMode mode) {
        Objects.requireNonNull(mode, "mode");
        LogClaim claim = claim(type, checkLength(payload.byteSize()));
        try {
            claim.put(payload);
        } catch (RuntimeException | Error e) {
            abort(claim);
            throw e;
        }
        return commit(claim, mode);
    }

    /** Appends one of the log's own records, which may still be appended once the buffer is closed to users. */
    void appendInternal(int type) {
        LogBuffer ring = Objects.requireNonNull(buffer);
        int size = WalRecordLayout.recordSize(0);
        long lsn = ring.reserve(size, true);
        WalRecordLayout.writeRecord(
                ring.ring(),
                ring.offset(lsn),
                lsn,
                type,
                WalRecordLayout.FLAG_INTERNAL,
                lsn - durability.durable(),
                MemorySegment.NULL);
        publish(lsn, size, CommitMode.NONE);
    }

    private int checkLength(long payloadLength) {
        if (payloadLength > config.maxPayloadSize()) {
            throw new IllegalArgumentException("record payload of " + payloadLength + " bytes exceeds the maximum of "
                    + config.maxPayloadSize() + " bytes (an eighth of the smaller of WalConfig.segmentSize and "
                    + "WalConfig.bufferSize, minus the 24-byte header)");
        }
        return (int) payloadLength;
    }

    private int recordSize(int type, int payloadLength) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("record type " + type + " is outside 0..255");
        }
        if (payloadLength < 0) {
            throw new IllegalArgumentException("record payload length " + payloadLength + " is negative");
        }
        return WalRecordLayout.recordSize(checkLength(payloadLength));
    }

    /** Publishes a filled record and waits as its commit mode says. */
    private long publish(long lsn, int size, CommitMode mode) {
        Objects.requireNonNull(buffer).publish(lsn, lsn);
        Flusher flusher = flusher();
        flusher.published();
        long end = lsn + size;
        switch (mode) {
            case STRICT -> {
                flusher.requestSync(end);
                durability.await(end, Long.MAX_VALUE);
            }
            case RELAXED -> flusher.noteRelaxed(end);
            case NONE -> flusher.noteUnsynced(end);
        }
        return lsn;
    }

    private Flusher flusher() {
        return Objects.requireNonNull(flusher);
    }
}
