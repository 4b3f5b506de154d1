/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads the items of one segment file through a window of a few hundred KiB, so replay and recovery stream the
 * log instead of loading it. Records larger than the window grow it to the record's size (bounded by the
 * segment size). Not thread-safe.
 */
final class SegmentReader implements AutoCloseable {
    private static final int WINDOW = 256 * 1024;

    /** What {@link #readItem} found. */
    enum Item {
        /** A whole record with a matching LSN and checksum; its fields are available. */
        RECORD,
        /** A filler word. */
        FILLER,
        /** The first word is neither the position nor a filler: not log data. */
        NOT_AN_ITEM,
        /** The first word is the position, but the length or checksum is wrong: a torn or damaged record. */
        TORN,
        /** The file ends before the item does. */
        SHORT_FILE,
        /** The position is the end of the segment. */
        END_OF_SEGMENT
    }

    private final FileChannel channel;
    private final Path path;
    private final long start;
    private final long end;
    private final long fileEnd;
    private byte[] window = new byte[WINDOW];
    private MemorySegment windowSegment = MemorySegment.ofArray(window);
    private long windowPosition;
    private int windowLength;

    private long recordLsn;
    private int recordLength;
    private int recordSize;
    private long recordOffset;

    /**
     * Opens a reader.
     *
     * @param channel the segment file, open for reading; closed with this reader
     * @param path the file, for messages
     * @param start the segment's start LSN
     * @param size the segment's size
     * @throws IOException if the file size cannot be read
     */
    SegmentReader(FileChannel channel, Path path, long start, long size) throws IOException {
        this.channel = channel;
        this.path = path;
        this.start = start;
        this.end = start + size;
        this.fileEnd = start + Math.min(size, channel.size());
    }

    Path path() {
        return path;
    }

    long start() {
        return start;
    }

    /** The segment's end LSN. */
    long end() {
        return end;
    }

    /** The LSN just past the last byte the file holds (below {@link #end()} for a short file). */
    long fileEnd() {
        return fileEnd;
    }

    /**
     * Classifies the item at a position and, for a record, makes its fields available.
     *
     * @param position an 8-aligned LSN in the segment
     * @return what is there
     * @throws IOException if reading fails
     */
    Item readItem(long position) throws IOException {
        if (position >= end) {
            return Item.END_OF_SEGMENT;
        }
        if (!ensure(position, Long.BYTES)) {
            return Item.SHORT_FILE;
        }
        long word = WalRecordLayout.word(windowSegment, position - windowPosition);
        if (word == WalRecordLayout.fillerWord(position)) {
            return Item.FILLER;
        }
        if (word != position) {
            return Item.NOT_AN_ITEM;
        }
        if (!ensure(position, WalRecordLayout.HEADER_SIZE)) {
            return Item.SHORT_FILE;
        }
        int length = WalRecordLayout.length(windowSegment, position - windowPosition);
        if (length < 0
                || length > Integer.MAX_VALUE - 2 * WalRecordLayout.HEADER_SIZE
                || length > end - position - WalRecordLayout.HEADER_SIZE) {
            return Item.TORN;
        }
        int size = WalRecordLayout.recordSize(length);
        if (!ensure(position, size)) {
            return Item.SHORT_FILE;
        }
        long offset = position - windowPosition;
        if (!WalRecordLayout.checksumMatches(windowSegment, offset, position, length)) {
            return Item.TORN;
        }
        recordLsn = position;
        recordLength = length;
        recordSize = size;
        recordOffset = offset;
        return Item.RECORD;
    }

    /**
     * Reads the 8-byte word at a position below {@link #fileEnd()}.
     *
     * @param position an 8-aligned LSN
     * @return the word
     * @throws IOException if reading fails
     */
    long wordAt(long position) throws IOException {
        if (!ensure(position, Long.BYTES)) {
            throw new IOException("unexpected end of " + path + " at LSN " + position);
        }
        return WalRecordLayout.word(windowSegment, position - windowPosition);
    }

    long recordLsn() {
        return recordLsn;
    }

    /** The record's size in the log, padding included. */
    int recordSize() {
        return recordSize;
    }

    int recordType() {
        return WalRecordLayout.type(windowSegment, recordOffset);
    }

    boolean recordInternal() {
        return (WalRecordLayout.flags(windowSegment, recordOffset) & WalRecordLayout.FLAG_INTERNAL) != 0;
    }

    long recordProvenDurable() {
        return WalRecordLayout.provenDurable(windowSegment, recordOffset, recordLsn);
    }

    /** The record's payload, valid until the next read. */
    MemorySegment recordPayload() {
        return windowSegment.asSlice(recordOffset + WalRecordLayout.HEADER_SIZE, recordLength);
    }

    /** The current record's bytes, header included, valid until the next read. */
    MemorySegment recordBytes() {
        return windowSegment.asSlice(recordOffset, recordSize);
    }

    /** Makes {@code [position, position + length)} available in the window; false if the file ends first. */
    private boolean ensure(long position, int length) throws IOException {
        if (position >= windowPosition && position + length <= windowPosition + windowLength) {
            return true;
        }
        if (position + length > fileEnd) {
            return false;
        }
        if (length > window.length) {
            window = new byte[length];
            windowSegment = MemorySegment.ofArray(window);
        }
        ByteBuffer buffer = ByteBuffer.wrap(window, 0, (int) Math.min(window.length, fileEnd - position));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position - start + buffer.position()) < 0) {
                break;
            }
        }
        windowPosition = position;
        windowLength = buffer.position();
        return windowLength >= length;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
