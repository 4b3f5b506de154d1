/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.PageboxClosedException;
import dev.pagebox.internal.mem.Words;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory log buffer: a ring of {@code capacity} bytes in which log position {@code p} lives at offset
 * {@code p % capacity}, and the reservation of log positions.
 *
 * <h2>Reservation</h2>
 * A writer reserves its record's bytes under {@link #appendLock}, a critical section of a few field updates:
 * <ol>
 *   <li>plan: the record goes at the tail, unless it would cross the end of the current segment (then filler
 *       words pad the segment, a new segment starts with its segment-start record, and the record follows it) or
 *       a multiple of {@code capacity} (then fillers pad up to it), so every item is contiguous in the ring;
 *   <li>wait while the reservation would overwrite ring bytes the flusher has not written yet
 *       ({@code end > released + capacity}; back-pressure, counted);
 *   <li>write the fillers and segment-start record, if any, and {@link WalRecordLayout#UNFILLED} into the
 *       record's first word; then publish the new tail (volatile).
 * </ol>
 * The payload is copied and checksummed after the lock is released, and the record published by a volatile
 * store of its LSN (see {@link WalRecordLayout}). So appenders copy in parallel, and the flusher writes the
 * longest prefix whose items are all published.
 *
 * <h2>Invariants</h2>
 * Segment starts are multiples of {@link WalConfig#SIZE_UNIT} and {@code capacity} is one too, so a segment-start
 * record (56 bytes) never crosses a ring boundary. A record is at most an eighth of the capacity, so a
 * reservation with both paddings is at most half of it and always fits once the flusher catches up.
 */
final class LogBuffer {
    private final MemorySegment ring;
    private final ByteBuffer ringBytes;
    /** A little-endian view of the ring that claims write payload fields through, by absolute index only. */
    private final ByteBuffer payloadBytes;

    private final long capacity;
    private final long segmentSize;
    private final long storeId;
    private final Fence fence;
    private final DurabilityWaiters durability;
    private final Runnable wakeFlusher;
    private final LongAdder spaceWaits = new LongAdder();

    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition spaceFreed = appendLock.newCondition();

    /** The next free log position. Written under {@link #appendLock}, read by the flusher. */
    private volatile long tail;

    /** End of the segment the tail is in; equal to the tail when the next record must start a new segment. */
    private long segmentEnd;

    /** Ring bytes below this position may be overwritten. Written by the flusher. */
    private volatile long released;

    private volatile int spaceWaiters;
    private boolean closed;

    LogBuffer(
            MemorySegment ring,
            WalConfig config,
            Fence fence,
            DurabilityWaiters durability,
            Runnable wakeFlusher,
            long tail,
            long segmentEnd,
            long released) {
        this.ring = ring;
        this.ringBytes = ring.asByteBuffer();
        this.payloadBytes = ring.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        this.capacity = ring.byteSize();
        this.segmentSize = config.segmentSize();
        this.storeId = config.storeId();
        this.fence = fence;
        this.durability = durability;
        this.wakeFlusher = wakeFlusher;
        this.tail = tail;
        this.segmentEnd = segmentEnd;
        this.released = released;
    }

    /**
     * Reserves room for a record and returns its LSN. The caller fills the record at {@link #offset}{@code (lsn)}
     * and publishes it.
     *
     * @param size the record's size ({@link WalRecordLayout#recordSize}), at most an eighth of the capacity
     * @param internal whether an internal record may still be reserved after {@link #close}
     * @return the record's LSN
     * @throws PageboxClosedException if the log is closed
     * @throws dev.pagebox.StoreFailedException if the log is fenced
     */
    long reserve(int size, boolean internal) {
        appendLock.lock();
        try {
            while (true) {
                if (closed && !internal) {
                    throw new PageboxClosedException("write-ahead log");
                }
                fence.check();
                long start = tail;
                long recordLsn = placeInSegment(start, size, segmentEnd);
                boolean newSegment = recordLsn < 0;
                if (newSegment) {
                    recordLsn = placeInRing(segmentEnd + WalRecordLayout.SEGMENT_START_SIZE, size);
                }
                long end = recordLsn + size;
                if (end - released > capacity) {
                    awaitSpace(end);
                    continue;
                }
                if (newSegment) {
                    startSegment(start, recordLsn);
                } else {
                    writeFillers(start, recordLsn);
                }
                WalRecordLayout.markUnfilled(ring, offset(recordLsn));
                tail = end;
                return recordLsn;
            }
        } finally {
            appendLock.unlock();
        }
    }

    /** Where a record goes in the current segment, or -1 if it must start a new one. */
    private long placeInSegment(long start, int size, long end) {
        long position = placeInRing(start, size);
        return position + size <= end ? position : -1;
    }

    /** The first position at or after {@code start} where {@code size} bytes do not cross a ring boundary. */
    private long placeInRing(long start, int size) {
        long boundary = (start / capacity + 1) * capacity;
        return start + size > boundary ? boundary : start;
    }

    private void startSegment(long start, long recordLsn) {
        long newSegmentStart = segmentEnd;
        writeFillers(start, newSegmentStart);
        long behind = newSegmentStart - durability.durable();
        WalRecordLayout.writeSegmentStart(ring, offset(newSegmentStart), newSegmentStart, storeId, segmentSize, behind);
        writeFillers(newSegmentStart + WalRecordLayout.SEGMENT_START_SIZE, recordLsn);
        segmentEnd = newSegmentStart + segmentSize;
    }

    private void writeFillers(long from, long to) {
        for (long position = from; position < to; position += WalRecordLayout.ALIGNMENT) {
            WalRecordLayout.writeFiller(ring, offset(position), position);
        }
    }

    private void awaitSpace(long end) {
        spaceWaits.increment();
        spaceWaiters++;
        try {
            wakeFlusher.run();
            // Re-check after announcing: a release between the caller's check and the increment did not signal.
            if (end - released > capacity) {
                // Not interruptible: an append that gives up half-way would be worse than one that waits.
                spaceFreed.awaitUninterruptibly();
            }
        } finally {
            spaceWaiters--;
        }
    }

    /**
     * Returns the ring offset of a log position.
     *
     * @param position an LSN
     * @return its offset in {@link #ring()}
     */
    long offset(long position) {
        return position % capacity;
    }

    /**
     * Publishes an item by a volatile store of its first word (see {@link WalRecordLayout}'s concurrency notes).
     *
     * @param position the item's LSN
     * @param word its first word: the LSN for a record, {@link WalRecordLayout#fillerWord} for a filler
     */
    void publish(long position, long word) {
        Words.setVolatile(ring, offset(position) + WalRecordLayout.FIRST_WORD, WalRecordLayout.nativeWord(word));
    }

    /**
     * Reads an item's first word with a volatile load. Volatile rather than acquire: the flusher's re-check before
     * it parks pairs with a writer's volatile publish and its read of the flusher's state (a Dekker handshake).
     *
     * @param position an LSN below the tail
     * @return the word
     */
    long firstWord(long position) {
        return WalRecordLayout.nativeWord(Words.getVolatile(ring, offset(position) + WalRecordLayout.FIRST_WORD));
    }

    MemorySegment ring() {
        return ring;
    }

    /**
     * The ring as a little-endian buffer for writing record payloads in place ({@link LogClaim}). Shared by every
     * claim, so it is used with absolute indexes only: its position and limit never change.
     */
    ByteBuffer payloadBytes() {
        return payloadBytes;
    }

    /** A view of ring bytes {@code [offset, offset + length)} for I/O; never crosses the ring's end. */
    ByteBuffer slice(long offset, int length) {
        return ringBytes.slice((int) offset, length);
    }

    long capacity() {
        return capacity;
    }

    /** The next free log position: the end of the log as far as reservations go. */
    long tail() {
        return tail;
    }

    long released() {
        return released;
    }

    /** Tells whether the flusher should write even though nobody asked for a sync. */
    boolean underPressure() {
        return spaceWaiters > 0 || tail - released > capacity / 2;
    }

    long spaceWaits() {
        return spaceWaits.sum();
    }

    /** Lets writers reuse ring bytes below {@code position}. Flusher only. */
    void release(long position) {
        if (position <= released) {
            return;
        }
        released = position;
        if (spaceWaiters > 0) {
            signalSpaceWaiters();
        }
    }

    /** Wakes writers waiting for space, e.g. to see that the log was fenced or closed. */
    void signalSpaceWaiters() {
        appendLock.lock();
        try {
            spaceFreed.signalAll();
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Stops user appends; internal records may still be reserved.
     *
     * @return the tail at the moment appends stopped
     */
    long close() {
        appendLock.lock();
        try {
            closed = true;
            spaceFreed.signalAll();
            return tail;
        } finally {
            appendLock.unlock();
        }
    }
}
