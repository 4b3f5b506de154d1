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
        Log2Histogram groupSize) {}
