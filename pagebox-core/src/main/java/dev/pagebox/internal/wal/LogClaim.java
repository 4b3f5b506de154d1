/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The payload space of one log record, claimed in the log buffer before the record is encoded (Aeron's
 * {@code BufferClaim}): the caller writes the payload front to back, in place, then commits ({@link Wal#commit}),
 * which checksums and publishes the record, or aborts ({@link Wal#abort}), which publishes the space as padding. No
 * copy of the payload is made on the way; a page image, for one, is copied once, from its frame into the log.
 *
 * <p>Until it is committed or aborted, a claim holds back the flusher (it writes the log in order), so the claimant
 * fills it at once, without waiting for anything, and never claims a second record meanwhile: a second claim could
 * wait for log space that only the flusher can free. Payload fields are little-endian. A claim is used by one thread.
 */
public final class LogClaim {
    private static final int CLAIMED = 0;
    private static final int COMMITTED = 1;
    private static final int ABORTED = 2;

    private final MemorySegment memory;
    /** A little-endian view of {@link #memory}, shared with other claims: absolute access only. */
    private final ByteBuffer bytes;

    private final int base;
    private final int length;
    private final int type;
    private final long lsn;
    private final long behind;
    private int position;
    private int state = CLAIMED;

    LogClaim(MemorySegment memory, ByteBuffer bytes, int base, int length, int type, long lsn, long behind) {
        this.memory = memory;
        this.bytes = bytes;
        this.base = base;
        this.length = length;
        this.type = type;
        this.lsn = lsn;
        this.behind = behind;
    }

    /**
     * A claim on a private heap buffer, for logs that keep records in memory (tests) or only hand out LSNs.
     *
     * @param type the record type
     * @param length the payload's length
     * @return the claim; its {@link #lsn()} is -1 until the log that made it assigns one
     */
    public static LogClaim inMemory(int type, int length) {
        byte[] array = new byte[length];
        return new LogClaim(
                MemorySegment.ofArray(array),
                ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN),
                0,
                length,
                type,
                -1,
                0);
    }

    /** The record's type. */
    public int type() {
        return type;
    }

    /** The payload's length. */
    public int length() {
        return length;
    }

    /** The record's LSN, assigned when the space was claimed in the log buffer; -1 for an in-memory claim. */
    public long lsn() {
        return lsn;
    }

    /** Payload bytes written so far. */
    public int position() {
        return position;
    }

    /** Writes a byte. */
    public LogClaim putByte(byte value) {
        bytes.put(at(Byte.BYTES), value);
        return this;
    }

    /** Writes a little-endian 16-bit value. */
    public LogClaim putShort(short value) {
        bytes.putShort(at(Short.BYTES), value);
        return this;
    }

    /** Writes a little-endian 32-bit value. */
    public LogClaim putInt(int value) {
        bytes.putInt(at(Integer.BYTES), value);
        return this;
    }

    /** Writes a little-endian 64-bit value. */
    public LogClaim putLong(long value) {
        bytes.putLong(at(Long.BYTES), value);
        return this;
    }

    /** Copies a segment's bytes. */
    public LogClaim put(MemorySegment source) {
        int count = Math.toIntExact(source.byteSize());
        MemorySegment.copy(source, 0, memory, at(count), count);
        return this;
    }

    /** Copies an array's bytes. */
    public LogClaim put(byte[] source) {
        bytes.put(at(source.length), source);
        return this;
    }

    /**
     * Hands out the next {@code count} payload bytes for the caller to fill (a page image copied straight from its
     * frame), and counts them as written.
     *
     * @param count the bytes
     * @return a view of them
     */
    public MemorySegment reserve(int count) {
        return memory.asSlice(at(count), count);
    }

    /** A view of the payload, for logs that keep it (in-memory claims). */
    public MemorySegment payload() {
        return memory.asSlice(base, length);
    }

    /** Returns the absolute offset of the next {@code count} bytes and moves past them. */
    private int at(int count) {
        int offset = position;
        if (count > length - offset) {
            throw new IllegalStateException("log record of type " + type + " overflows its claimed " + length
                    + " payload bytes at " + offset + " + " + count);
        }
        position = offset + count;
        return base + offset;
    }

    long behind() {
        return behind;
    }

    /** Marks the claim committed; false if it was already committed or aborted. */
    boolean markCommitted() {
        if (state != CLAIMED) {
            return false;
        }
        state = COMMITTED;
        return true;
    }

    /** Marks the claim aborted; false if it was already committed or aborted. */
    boolean markAborted() {
        if (state != CLAIMED) {
            return false;
        }
        state = ABORTED;
        return true;
    }

    /** The offset of the record (its header) in the log buffer. */
    long recordOffset() {
        return base - WalRecordLayout.HEADER_SIZE;
    }
}
