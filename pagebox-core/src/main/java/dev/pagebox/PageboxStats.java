/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a store's counters and gauges, cheap to take (for metrics and health). Counters are cumulative
 * since the store was opened.
 *
 * @param state the store's health
 * @param directory the data directory
 * @param pool the buffer pool
 * @param log the write-ahead log
 * @param checkpoints the checkpoints
 * @param writes the bytes written to the store's files, by source
 * @param recovery what opening the store recovered
 * @param trees the names of the store's trees, in order (see {@link PageboxTree#stats()} for each one's size)
 */
public record PageboxStats(
        PageboxState state,
        Path directory,
        Pool pool,
        Log log,
        Checkpoints checkpoints,
        DeviceWrites writes,
        RecoverySummary recovery,
        List<String> trees) {

    /**
     * The buffer pool.
     *
     * @param frames page frames (the memory budget divided by the page size)
     * @param pageSize the page size
     * @param freeFrames frames holding no page
     * @param hotFrames frames holding a page in use
     * @param coolingFrames frames in the cooling stage, about to be evicted unless touched
     * @param pinnedFrames frames holding roots and the catalog
     * @param dirtyFrames frames changed since they were last written
     * @param hits page accesses served from memory
     * @param reheats cooling pages touched again (and so kept)
     * @param misses pages read from disk
     * @param evictions pages dropped from memory
     * @param writeBacks pages written to disk
     * @param frameWaits times a caller found no free frame and had to evict or wait
     * @param discardedLoads pages read but not installed: their reference moved on, or they were written back and
     *     evicted while the read was in flight (a race the pool resolves by reading again)
     */
    public record Pool(
            int frames,
            int pageSize,
            int freeFrames,
            int hotFrames,
            int coolingFrames,
            int pinnedFrames,
            int dirtyFrames,
            long hits,
            long reheats,
            long misses,
            long evictions,
            long writeBacks,
            long frameWaits,
            long discardedLoads) {}

    /**
     * The write-ahead log.
     *
     * @param records records appended
     * @param bytes bytes written
     * @param syncs {@code fdatasync}s (or synchronous writes)
     * @param spaceWaits times a writer waited for room in the log buffer
     * @param durableLsn everything below it is durable
     * @param endLsn where the next record goes
     * @param bytesSinceCheckpoint log bytes a crash now would replay
     * @param syncLatencyNanos sync latencies: element {@code i} counts those in {@code [2^(i-1), 2^i)} ns
     * @param groupSize records made durable per sync (group commit): element {@code i} counts groups of size
     *     {@code [2^(i-1), 2^i)}
     */
    public record Log(
            long records,
            long bytes,
            long syncs,
            long spaceWaits,
            long durableLsn,
            long endLsn,
            long bytesSinceCheckpoint,
            long[] syncLatencyNanos,
            long[] groupSize) {}

    /**
     * The checkpoints.
     *
     * @param count checkpoints completed, the one at open included
     * @param lastRedoLsn the redo point of the last one
     * @param lastCompleted when the last one completed, or null before the first
     * @param lastDuration how long the last one took
     */
    public record Checkpoints(
            long count, long lastRedoLsn, @Nullable Instant lastCompleted, Duration lastDuration) {}

    /**
     * The bytes the store handed to the operating system for its files since it was opened, by source: what a
     * write costs the device, and where to look when that is too much. The file system and the device may write
     * more (whole blocks for partial ones, journaling).
     *
     * @param logRecordBytes write-ahead log records other than full-page images (headers, payloads, padding)
     * @param logImageBytes full-page images in the log: the first change to a page after a checkpoint logs the
     *     whole page, so that a page torn by a crash can be rebuilt
     * @param logRewriteBytes log blocks written again: under direct I/O each write rewrites the partial block it
     *     ends in
     * @param logPreparationBytes zeros written to prepare new log segment files (none where {@code fallocate}
     *     allocates them)
     * @param evictionWriteBytes dirty pages written so that their memory could hold other pages
     * @param checkpointWriteBytes dirty pages written by checkpoints
     * @param overflowWriteBytes pages of large values, written directly rather than through the log
     * @param otherPageBytes other page writes, e.g. recovery's redo
     * @param metadataBytes store header copies and free-space snapshots
     * @param fileExtensionBytes zeros written to grow the data file (none where {@code fallocate} extends it)
     * @param logBytesByRecordType log bytes by record type name ({@code put}, {@code image}, {@code split},
     *     {@code batch}, {@code padding}, ...), types with no bytes left out
     */
    public record DeviceWrites(
            long logRecordBytes,
            long logImageBytes,
            long logRewriteBytes,
            long logPreparationBytes,
            long evictionWriteBytes,
            long checkpointWriteBytes,
            long overflowWriteBytes,
            long otherPageBytes,
            long metadataBytes,
            long fileExtensionBytes,
            Map<String, Long> logBytesByRecordType) {

        /** Copies the map. */
        public DeviceWrites {
            logBytesByRecordType = Map.copyOf(logBytesByRecordType);
        }

        /**
         * Returns every byte counted here.
         *
         * @return the sum of the sources
         */
        public long total() {
            return logRecordBytes
                    + logImageBytes
                    + logRewriteBytes
                    + logPreparationBytes
                    + evictionWriteBytes
                    + checkpointWriteBytes
                    + overflowWriteBytes
                    + otherPageBytes
                    + metadataBytes
                    + fileExtensionBytes;
        }
    }
}
