/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

/**
 * A snapshot of the write-ahead log's counters. Counts are cumulative since the log was opened; records and bytes
 * are counted when the flusher writes them.
 *
 * @param records caller records written to the segment files
 * @param bytes log bytes written (headers, payloads, padding and segment starts)
 * @param writes write calls to segment files
 * @param syncs sync points that made the log durable up to a new LSN ({@code fdatasync} calls, or writes with
 *     {@code O_DSYNC})
 * @param spaceWaits appends that had to wait because the log buffer was full
 * @param durableLsn everything below this LSN is durable
 * @param endLsn the LSN the next record will get (or a little more after padding)
 * @param syncLatencyNanos how long each sync point took (the {@code fdatasync} calls or the synchronous write)
 * @param groupSize how many records each sync point made durable (group commit)
 * @param writtenBytes bytes handed to the segment files' write calls: {@code bytes}, plus the partial last block
 *     written again by each write under direct I/O
 * @param preparedBytes zeros written to prepare new segment files ({@code fallocate} writes none)
 * @param bytesByType log bytes of each record type (index 0..255; padding is counted under type 0, the log's own
 *     segment starts and shutdown marks under theirs)
 */
public record WalStats(
        long records,
        long bytes,
        long writes,
        long syncs,
        long spaceWaits,
        long durableLsn,
        long endLsn,
        Log2Histogram syncLatencyNanos,
        Log2Histogram groupSize,
        long writtenBytes,
        long preparedBytes,
        long[] bytesByType) {

    /** The number of record types {@link #bytesByType} has room for. */
    public static final int TYPES = 256;

    /** The type under which {@link #bytesByType} counts padding. */
    public static final int PADDING = 0;

    /**
     * Returns a copy of the bytes of each record type.
     *
     * @return {@link #TYPES} counts
     */
    @Override
    public long[] bytesByType() {
        return bytesByType.clone();
    }
}
