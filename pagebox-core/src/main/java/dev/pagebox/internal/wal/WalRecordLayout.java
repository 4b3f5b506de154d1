/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The byte layout of the write-ahead log, little-endian, identical in the in-memory log buffer and in the
 * segment files. The log is a sequence of <em>items</em> at 8-byte aligned positions; an item's position is its
 * LSN (segment start LSN + offset in the segment file). What an item is follows from its first 8-byte word
 * {@code w} at position {@code p}:
 *
 * <ul>
 *   <li>{@code w == p}: a <b>record</b>, a 24-byte header then {@code length} payload bytes, zero-padded to a
 *       multiple of 8;
 *   <li>{@code w == ~p}: a <b>filler</b> word, 8 bytes of padding in front of a boundary a record must not
 *       cross (the end of a segment or of a lap of the log buffer);
 *   <li>anything else: not log data (the end of the log, a torn write, or stale bytes of a recycled segment).
 * </ul>
 *
 * <pre>
 *   record header (24 bytes)
 *   0               8       12      16  17  18      20      24
 *   +---------------+-------+-------+---+---+-------+-------+----------------------+--------+
 *   |      lsn      |length | crc32c|typ|flg|  (0)  |behind |   payload (length)   | 0 pad  |
 *   +---------------+-------+-------+---+---+-------+-------+----------------------+--------+
 *
 *   segment-start payload (32 bytes; the record at offset 0 of every segment, type 1, flag INTERNAL)
 *   0               8       12      16              24              32
 *   +---------------+-------+-------+---------------+---------------+
 *   |     magic     |format |segFlg |    storeId    |  segmentSize  |
 *   +---------------+-------+-------+---------------+---------------+
 * </pre>
 *
 * <ul>
 *   <li>{@code lsn}: the record's own position; a stale record of a recycled segment never matches.
 *   <li>{@code length}: payload bytes. {@code typ}: the caller's record type (0..255); with {@code flg} bit 0
 *       ({@link #FLAG_INTERNAL}) set it is one of the log's own types ({@link #TYPE_SEGMENT_START},
 *       {@link #TYPE_SHUTDOWN}), which replay does not hand to visitors.
 *   <li>{@code crc32c}: CRC32C of the header with this field taken as zero, followed by the payload.
 *   <li>{@code behind}: {@code lsn} minus the durable LSN the writer knew when it appended the record
 *       (saturating at 2^32-1). A valid record thereby proves that everything below {@code lsn - behind} had
 *       been durable; recovery uses this to tell a torn tail (nothing after it was ever durable) from corruption
 *       (a damaged record below a proven durable LSN).
 *   <li>segment start: {@link #SEGMENT_MAGIC}, {@link #FORMAT_VERSION}, {@code segFlg} bit 0
 *       ({@link #SEGMENT_FRESH}: the file was zero-filled before use, so any non-zero byte past the end of the
 *       log is a torn write rather than stale data), the store id and the segment's size in bytes.
 * </ul>
 *
 * <h2>Concurrency</h2>
 * In the log buffer, a reserving writer stores {@link #UNFILLED} into the first word of its reservation while it
 * holds the append lock, before it publishes the new tail; the record is filled without any lock (its payload
 * in place by the claimant, see {@link LogClaim}, then its header and checksum) and then published by a volatile
 * store of the LSN into the first word ({@link LogBuffer#publish}). The flusher
 * reads the first word with a volatile load ({@link LogBuffer#firstWord}); once it sees the LSN, the whole record
 * is visible to it. The first word never holds stale data below the tail, so no payload byte can be mistaken for a
 * commit.
 */
public final class WalRecordLayout {
    private static final ValueLayout.OfLong LE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private static final StructLayout HEADER = MemoryLayout.structLayout(
                    LE_LONG.withName("lsn"),
                    LE_INT.withName("length"),
                    LE_INT.withName("crc"),
                    BYTE.withName("type"),
                    BYTE.withName("flags"),
                    MemoryLayout.paddingLayout(2),
                    LE_INT.withName("behind"))
            .withName("WalRecordHeader");

    private static final StructLayout SEGMENT_START = MemoryLayout.structLayout(
                    LE_LONG.withName("magic"),
                    LE_INT.withName("format"),
                    LE_INT.withName("segmentFlags"),
                    LE_LONG.withName("storeId"),
                    LE_LONG.withName("segmentSize"))
            .withName("WalSegmentStart");

    private static final long OFFSET_LSN = HEADER.byteOffset(groupElement("lsn"));
    private static final long OFFSET_LENGTH = HEADER.byteOffset(groupElement("length"));
    private static final long OFFSET_CRC = HEADER.byteOffset(groupElement("crc"));
    private static final long OFFSET_TYPE = HEADER.byteOffset(groupElement("type"));
    private static final long OFFSET_FLAGS = HEADER.byteOffset(groupElement("flags"));
    private static final long OFFSET_BEHIND = HEADER.byteOffset(groupElement("behind"));

    /** Offset of an item's first word (a record's LSN) from the item's start. */
    static final long FIRST_WORD = OFFSET_LSN;

    /** Bytes of a record header; the payload starts here. */
    public static final int HEADER_SIZE = (int) HEADER.byteSize();

    private static final long OFFSET_MAGIC = HEADER_SIZE + SEGMENT_START.byteOffset(groupElement("magic"));
    private static final long OFFSET_FORMAT = HEADER_SIZE + SEGMENT_START.byteOffset(groupElement("format"));
    private static final long OFFSET_SEGMENT_FLAGS =
            HEADER_SIZE + SEGMENT_START.byteOffset(groupElement("segmentFlags"));
    private static final long OFFSET_STORE_ID = HEADER_SIZE + SEGMENT_START.byteOffset(groupElement("storeId"));
    private static final long OFFSET_SEGMENT_SIZE = HEADER_SIZE + SEGMENT_START.byteOffset(groupElement("segmentSize"));

    /** Items start at multiples of this. */
    public static final int ALIGNMENT = Long.BYTES;

    /** Bytes of the segment-start record at offset 0 of every segment. */
    public static final int SEGMENT_START_SIZE = HEADER_SIZE + (int) SEGMENT_START.byteSize();

    /** Flag bit: the record belongs to the log itself and is not handed to replay visitors. */
    public static final int FLAG_INTERNAL = 1;

    /** Internal type: the first record of every segment. */
    public static final int TYPE_SEGMENT_START = 1;

    /** Internal type: written by a clean close; proves that the whole log before it was durable. */
    public static final int TYPE_SHUTDOWN = 2;

    /** Segment flag: the file was zero-filled before the segment was started in it. */
    public static final int SEGMENT_FRESH = 1;

    /** "PBOXWAL" and a zero byte, read as a little-endian long. */
    public static final long SEGMENT_MAGIC = 0x004C_4157_584F_4250L;

    /** Format version of segments and records. */
    public static final int FORMAT_VERSION = 1;

    /** First word of a reserved, not yet published record: never a position (odd) nor a filler (~p ends in 111). */
    static final long UNFILLED = 1L;

    private static final long MAX_BEHIND = 0xFFFF_FFFFL;

    static {
        if (HEADER_SIZE != 24
                || OFFSET_LSN != 0
                || OFFSET_CRC != 12
                || OFFSET_BEHIND != 20
                || SEGMENT_START_SIZE != 56
                || SEGMENT_START_SIZE % ALIGNMENT != 0) {
            throw new ExceptionInInitializerError("WAL record layout drifted: " + HEADER + ", " + SEGMENT_START);
        }
    }

    private WalRecordLayout() {}

    /**
     * Returns the bytes a record occupies in the log: header, payload and padding to {@link #ALIGNMENT}.
     *
     * @param payloadLength payload bytes
     * @return the record's size
     */
    public static int recordSize(int payloadLength) {
        return (HEADER_SIZE + payloadLength + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * Returns the filler word for a position.
     *
     * @param position an 8-aligned LSN
     * @return the word a filler at that position holds
     */
    public static long fillerWord(long position) {
        return ~position;
    }

    // ---- log buffer (writer and flusher side) ----

    /** Marks a reservation's first word as not yet published. Caller holds the append lock. */
    static void markUnfilled(MemorySegment ring, long offset) {
        ring.set(LE_LONG, offset, UNFILLED);
    }

    /** Writes the filler word of {@code position} at {@code ringOffset}. Caller holds the append lock. */
    static void writeFiller(MemorySegment ring, long ringOffset, long position) {
        ring.set(LE_LONG, ringOffset, fillerWord(position));
    }

    /**
     * Writes a record's header (without its LSN word), payload and padding, and its checksum. The record becomes
     * visible to the flusher only through {@link LogBuffer#publish}.
     *
     * @param ring the log buffer
     * @param offset where the record starts in {@code ring}
     * @param lsn the record's LSN
     * @param type the record type
     * @param flags the flags
     * @param behind how far the durable LSN lagged {@code lsn} when the record was reserved
     * @param payload the payload
     */
    static void writeRecord(
            MemorySegment ring, long offset, long lsn, int type, int flags, long behind, MemorySegment payload) {
        int length = (int) payload.byteSize();
        clearPadding(ring, offset, length);
        MemorySegment.copy(payload, 0, ring, offset + HEADER_SIZE, length);
        finishRecord(ring, offset, lsn, type, flags, behind, length);
    }

    /**
     * Prepares a reserved record for its payload, before the payload is written in place: zeroes the record's last
     * word, which holds the padding (the payload and the header overwrite the rest of it).
     *
     * @param ring the log buffer
     * @param offset where the record starts in {@code ring}
     * @param length the payload's length
     */
    static void clearPadding(MemorySegment ring, long offset, int length) {
        ring.set(LE_LONG, offset + recordSize(length) - Long.BYTES, 0L);
    }

    /**
     * Writes a record's header (without its LSN word) around a payload already in place, then its checksum; the
     * padding was cleared before the payload was written ({@link #clearPadding}).
     *
     * @param ring the log buffer
     * @param offset where the record starts in {@code ring}
     * @param lsn the record's LSN
     * @param type the record type
     * @param flags the flags
     * @param behind how far the durable LSN lagged {@code lsn} when the record was reserved
     * @param length the payload's length
     */
    static void finishRecord(MemorySegment ring, long offset, long lsn, int type, int flags, long behind, int length) {
        writeHeaderFields(ring, offset, type, flags, behind, length);
        ring.set(LE_INT, offset + OFFSET_CRC, checksum(ring, offset, lsn, length));
    }

    private static void writeHeaderFields(
            MemorySegment ring, long offset, int type, int flags, long behind, int length) {
        ring.set(LE_INT, offset + OFFSET_LENGTH, length);
        ring.set(LE_INT, offset + OFFSET_CRC, 0);
        ring.set(BYTE, offset + OFFSET_TYPE, (byte) type);
        ring.set(BYTE, offset + OFFSET_FLAGS, (byte) flags);
        ring.set(ValueLayout.JAVA_SHORT_UNALIGNED, offset + OFFSET_FLAGS + 1, (short) 0);
        ring.set(LE_INT, offset + OFFSET_BEHIND, (int) Math.min(Math.max(behind, 0), MAX_BEHIND));
    }

    /**
     * Writes a complete segment-start record, LSN word included (it is written under the append lock, before
     * the tail that covers it is published).
     */
    static void writeSegmentStart(
            MemorySegment ring, long offset, long lsn, long storeId, long segmentSize, long behind) {
        clearPadding(ring, offset, SEGMENT_START_SIZE - HEADER_SIZE);
        writeHeaderFields(ring, offset, TYPE_SEGMENT_START, FLAG_INTERNAL, behind, SEGMENT_START_SIZE - HEADER_SIZE);
        ring.set(LE_LONG, offset + OFFSET_MAGIC, SEGMENT_MAGIC);
        ring.set(LE_INT, offset + OFFSET_FORMAT, FORMAT_VERSION);
        ring.set(LE_INT, offset + OFFSET_SEGMENT_FLAGS, 0);
        ring.set(LE_LONG, offset + OFFSET_STORE_ID, storeId);
        ring.set(LE_LONG, offset + OFFSET_SEGMENT_SIZE, segmentSize);
        ring.set(LE_INT, offset + OFFSET_CRC, checksum(ring, offset, lsn, SEGMENT_START_SIZE - HEADER_SIZE));
        ring.set(LE_LONG, offset + OFFSET_LSN, lsn);
    }

    /**
     * Records whether the file chosen for a segment was zero-filled, and re-stamps the checksum. Only the flusher
     * calls this, on a published segment-start record nobody else touches any more.
     */
    static void setSegmentFresh(MemorySegment ring, long offset, boolean fresh) {
        long lsn = ring.get(LE_LONG, offset + OFFSET_LSN);
        ring.set(LE_INT, offset + OFFSET_SEGMENT_FLAGS, fresh ? SEGMENT_FRESH : 0);
        ring.set(LE_INT, offset + OFFSET_CRC, 0);
        ring.set(LE_INT, offset + OFFSET_CRC, checksum(ring, offset, lsn, SEGMENT_START_SIZE - HEADER_SIZE));
    }

    /**
     * Writes filler words over a reservation after its first word; the caller then publishes the first word as a
     * filler. Used when filling a record failed, so the log never stalls on a reservation that is never published.
     */
    static void fillAfterFirstWord(MemorySegment ring, long offset, long position, int size) {
        for (int word = Long.BYTES; word < size; word += Long.BYTES) {
            ring.set(LE_LONG, offset + word, fillerWord(position + word));
        }
    }

    /**
     * Converts between an item's first word and the native-order {@code long} whose bytes are its little-endian
     * encoding, for ordered access to the first word through {@code internal.mem.Words} (the same conversion both
     * ways).
     *
     * @param word a first word, or the native {@code long} read from one
     * @return the other representation
     */
    static long nativeWord(long word) {
        return NATIVE_LITTLE_ENDIAN ? word : Long.reverseBytes(word);
    }

    // ---- decoding (any memory) ----

    /**
     * Reads the first word of an item.
     *
     * @param bytes memory holding the item
     * @param offset where it starts
     * @return the word
     */
    public static long word(MemorySegment bytes, long offset) {
        return bytes.get(LE_LONG, offset);
    }

    /**
     * Reads a record's payload length.
     *
     * @param bytes memory holding the record
     * @param offset where the record starts
     * @return the length field, unvalidated
     */
    public static int length(MemorySegment bytes, long offset) {
        return bytes.get(LE_INT, offset + OFFSET_LENGTH);
    }

    /**
     * Reads a record's type.
     *
     * @param bytes memory holding the record
     * @param offset where the record starts
     * @return the type, 0..255
     */
    public static int type(MemorySegment bytes, long offset) {
        return Byte.toUnsignedInt(bytes.get(BYTE, offset + OFFSET_TYPE));
    }

    /**
     * Reads a record's flags.
     *
     * @param bytes memory holding the record
     * @param offset where the record starts
     * @return the flags byte
     */
    public static int flags(MemorySegment bytes, long offset) {
        return Byte.toUnsignedInt(bytes.get(BYTE, offset + OFFSET_FLAGS));
    }

    /**
     * Returns the durable LSN a record proves: everything below it had been made durable before the record was
     * appended.
     *
     * @param bytes memory holding the record
     * @param offset where the record starts
     * @param lsn the record's LSN
     * @return {@code lsn - behind}, at least 0
     */
    public static long provenDurable(MemorySegment bytes, long offset, long lsn) {
        return Math.max(0, lsn - Integer.toUnsignedLong(bytes.get(LE_INT, offset + OFFSET_BEHIND)));
    }

    /**
     * Checks a record's checksum.
     *
     * @param bytes memory holding the whole record
     * @param offset where the record starts
     * @param lsn the position the record must have
     * @param length its payload length (already checked to lie within {@code bytes})
     * @return whether the stored CRC32C matches
     */
    public static boolean checksumMatches(MemorySegment bytes, long offset, long lsn, int length) {
        CRC32C crc = new CRC32C();
        updateLong(crc, lsn);
        crc.update(bytes.asSlice(offset + OFFSET_LENGTH, Integer.BYTES).asByteBuffer());
        updateLong(crc, 0L, Integer.BYTES);
        crc.update(bytes.asSlice(offset + OFFSET_CRC + Integer.BYTES, HEADER_SIZE - OFFSET_CRC - Integer.BYTES + length)
                .asByteBuffer());
        return (int) crc.getValue() == bytes.get(LE_INT, offset + OFFSET_CRC);
    }

    /** CRC over the LSN, then the stored header from the length on (CRC field zero at this point) and payload. */
    private static int checksum(MemorySegment bytes, long offset, long lsn, int length) {
        CRC32C crc = new CRC32C();
        updateLong(crc, lsn);
        crc.update(bytes.asSlice(offset + OFFSET_LENGTH, HEADER_SIZE - OFFSET_LENGTH + length)
                .asByteBuffer());
        return (int) crc.getValue();
    }

    private static void updateLong(CRC32C crc, long value) {
        updateLong(crc, value, Long.BYTES);
    }

    private static void updateLong(CRC32C crc, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            crc.update((int) (value >>> (Byte.SIZE * i)));
        }
    }

    /**
     * Reads the segment-start fields of a record known to be a valid segment start.
     *
     * @param bytes memory holding the record
     * @param offset where it starts
     * @return the decoded fields
     */
    public static SegmentStart segmentStart(MemorySegment bytes, long offset) {
        return new SegmentStart(
                bytes.get(LE_LONG, offset + OFFSET_MAGIC),
                bytes.get(LE_INT, offset + OFFSET_FORMAT),
                bytes.get(LE_INT, offset + OFFSET_SEGMENT_FLAGS),
                bytes.get(LE_LONG, offset + OFFSET_STORE_ID),
                bytes.get(LE_LONG, offset + OFFSET_SEGMENT_SIZE));
    }

    /**
     * The payload of a segment-start record.
     *
     * @param magic must be {@link #SEGMENT_MAGIC}
     * @param format the format version
     * @param segmentFlags {@link #SEGMENT_FRESH} or 0
     * @param storeId the store the segment belongs to
     * @param segmentSize the segment's size in bytes
     */
    public record SegmentStart(long magic, int format, int segmentFlags, long storeId, long segmentSize) {
        /**
         * Tells whether the file was zero-filled before the segment started in it.
         *
         * @return the fresh flag
         */
        public boolean fresh() {
            return (segmentFlags & SEGMENT_FRESH) != 0;
        }
    }
}
