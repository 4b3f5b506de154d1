/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.internal.store.StoreHeader;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The store's user meta slots: {@value #SLOTS} signed 64-bit values for the application (a schema version, an
 * offset of an external system), kept in the store header's user-meta bytes and changed by logged records, so a
 * change is as durable and as atomic (inside a batch) as any write.
 *
 * <p>The header holds the values as of its checkpoint ({@value #SLOTS} little-endian longs); the log holds every
 * change since: a {@link #TYPE} record, little-endian:
 *
 * <pre>
 *   slot u8 | value i64 | batchLsn i64 (0 outside a batch) | step u32
 * </pre>
 *
 * Recovery sets each slot to the value of its last replayed record. A change is made under a
 * {@link dev.pagebox.internal.wal.RedoHolds.Hold} from before its record is appended until the value is set, so a
 * checkpoint that captures the values in memory never misses a record below its redo point.
 */
final class UserMeta {
    /** The number of slots. */
    static final int SLOTS = StoreHeader.USER_META_BYTES / Long.BYTES;

    /** The log record type of a change. */
    static final int TYPE = 68;

    private static final int RECORD_BYTES = 1 + 8 + 8 + 4;

    private final AtomicLongArray values = new AtomicLongArray(SLOTS);

    /** The slots as a header holds them. */
    UserMeta(byte[] header) {
        ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        for (int slot = 0; slot < SLOTS; slot++) {
            values.set(slot, buffer.getLong());
        }
    }

    long get(int slot) {
        return values.get(checkSlot(slot));
    }

    void set(int slot, long value) {
        values.set(checkSlot(slot), value);
    }

    /** The values for the next header. */
    byte[] toHeader() {
        ByteBuffer buffer = ByteBuffer.allocate(StoreHeader.USER_META_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int slot = 0; slot < SLOTS; slot++) {
            buffer.putLong(values.get(slot));
        }
        return buffer.array();
    }

    static int checkSlot(int slot) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("user meta slot " + slot + " is outside 0.." + (SLOTS - 1));
        }
        return slot;
    }

    static MemorySegment record(int slot, long value, long batchLsn, int step) {
        ByteBuffer buffer = ByteBuffer.allocate(RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) slot).putLong(value).putLong(batchLsn).putInt(step);
        return MemorySegment.ofArray(buffer.array());
    }

    /** A replayed change, for recovery. */
    record Change(int slot, long value, long batchLsn, int step) {
        static Change read(MemorySegment payload) {
            ByteBuffer buffer = payload.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            return new Change(Byte.toUnsignedInt(buffer.get()), buffer.getLong(), buffer.getLong(), buffer.getInt());
        }
    }
}
