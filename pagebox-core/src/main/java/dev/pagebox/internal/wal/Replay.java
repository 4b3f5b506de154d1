/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.CorruptStoreException;
import dev.pagebox.PageboxIoException;
import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Streams the records of the live segments from an LSN up to a durable limit, one segment reader at a time.
 * Every item below the limit must be whole and valid: the limit was durable, so anything else is corruption,
 * reported with its LSN and file and never skipped.
 */
final class Replay {
    private final SegmentFiles files;
    private final WalVisitor visitor;
    private long records;

    private Replay(SegmentFiles files, WalVisitor visitor) {
        this.files = files;
        this.visitor = visitor;
    }

    /**
     * Replays {@code [fromLsn, limit)}.
     *
     * @param files the segment files
     * @param fromLsn the first LSN: a record's LSN, or any item boundary such as an earlier end of the log
     * @param limit the durable end of the log
     * @param visitor receives the records
     * @return how many records were visited
     * @throws IllegalArgumentException if {@code fromLsn} was truncated, lies beyond the limit or inside a record
     * @throws CorruptStoreException if an item below the limit is damaged or a segment is missing
     */
    static long run(SegmentFiles files, long fromLsn, long limit, WalVisitor visitor) {
        NavigableMap<Long, Long> live = files.live();
        if (fromLsn > limit) {
            throw new IllegalArgumentException("cannot replay from LSN " + fromLsn + ": the log ends at " + limit);
        }
        if (fromLsn == limit) {
            return 0;
        }
        if (live.isEmpty() || fromLsn < live.firstKey()) {
            throw new IllegalArgumentException("cannot replay from LSN " + fromLsn + ": the log starts at LSN "
                    + (live.isEmpty() ? limit : live.firstKey()) + "; earlier records were truncated");
        }
        Replay replay = new Replay(files, visitor);
        try {
            long position = fromLsn;
            boolean first = true;
            while (position < limit) {
                Map.Entry<Long, Long> segment = live.floorEntry(position);
                if (segment == null || position >= segment.getKey() + segment.getValue()) {
                    throw new CorruptStoreException("write-ahead log is corrupt: no segment file holds LSN " + position
                            + ", below the durable end " + limit + " (expected " + files.path(position) + ")");
                }
                position = replay.segment(segment.getKey(), segment.getValue(), position, limit, first);
                first = false;
            }
            return replay.records;
        } catch (IOException e) {
            throw PageboxIoException.wrap(
                    "cannot read the write-ahead log in " + files.path(fromLsn).getParent(), e);
        }
    }

    /** Replays one segment from {@code position}; returns where it stopped (the segment's end or the limit). */
    private long segment(long start, long size, long from, long limit, boolean first) throws IOException {
        long position = from;
        try (SegmentReader reader = new SegmentReader(files.openRead(start), files.path(start), start, size)) {
            while (position < limit) {
                SegmentReader.Item item = reader.readItem(position);
                switch (item) {
                    case RECORD -> {
                        if (!reader.recordInternal()) {
                            visitor.visit(
                                    position,
                                    reader.recordType(),
                                    reader.recordPayload().asReadOnly());
                            records++;
                        }
                        position += reader.recordSize();
                    }
                    case FILLER -> position += WalRecordLayout.ALIGNMENT;
                    case END_OF_SEGMENT -> {
                        return position;
                    }
                    case NOT_AN_ITEM -> {
                        if (first && position == from) {
                            throw new IllegalArgumentException(
                                    "cannot replay from LSN " + from + ": no record starts there");
                        }
                        throw corrupt(reader, position, limit, "holds no record");
                    }
                    case TORN -> throw corrupt(reader, position, limit, "fails its length or checksum check");
                    case SHORT_FILE -> throw corrupt(reader, position, limit, "lies beyond the end of the file");
                }
            }
        }
        return position;
    }

    private static CorruptStoreException corrupt(SegmentReader reader, long position, long limit, String problem) {
        return new CorruptStoreException("write-ahead log is corrupt: the record at LSN " + position + " in "
                + reader.path() + " " + problem + ", but the log is durable up to LSN " + limit
                + " (restore the store from a backup)");
    }
}
