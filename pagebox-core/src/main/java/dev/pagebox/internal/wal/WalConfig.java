/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.FileChannelFactory;
import dev.pagebox.LogSyncListener;
import dev.pagebox.SyncBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * How to open a write-ahead log. Checked eagerly; every message names the option that is wrong.
 *
 * @param directory where the segment files live
 * @param channels opens every file (the default opens real files; tests inject faults)
 * @param segmentSize bytes per segment file: a multiple of {@value #SIZE_UNIT}, at least {@value #MIN_SEGMENT_SIZE}
 *     (with {@link SyncBackend#DIRECT} also a multiple of the file system's block size)
 * @param bufferSize bytes of the in-memory log buffer: a multiple of {@value #SIZE_UNIT}, at least
 *     {@value #MIN_BUFFER_SIZE} (with {@link SyncBackend#DIRECT} also a multiple of, and at least 4 times, the
 *     block size); writers wait when it is full
 * @param syncBackend how writes are made durable
 * @param flushInterval how soon a {@link dev.pagebox.CommitMode#RELAXED RELAXED} record becomes durable
 * @param storeId the store the log belongs to; written into every segment and checked on open
 * @param threads creates the flusher and spare-preparer threads (the engine's may pin them to CPUs); the log
 *     names them itself
 * @param syncListener told the duration and group size of every sync
 */
public record WalConfig(
        Path directory,
        FileChannelFactory channels,
        long segmentSize,
        int bufferSize,
        SyncBackend syncBackend,
        Duration flushInterval,
        long storeId,
        ThreadFactory threads,
        LogSyncListener syncListener) {

    /** Segment and buffer sizes are multiples of this (the common block size, so segment starts are aligned). */
    public static final int SIZE_UNIT = 4096;

    /** The smallest segment size. */
    public static final long MIN_SEGMENT_SIZE = 16 * 1024;

    /** The largest segment size. */
    public static final long MAX_SEGMENT_SIZE = 1L << 40;

    /** The smallest log buffer. */
    public static final int MIN_BUFFER_SIZE = 16 * 1024;

    /** The largest log buffer. */
    public static final int MAX_BUFFER_SIZE = 1 << 30;

    /** Default segment size: 64 MiB. */
    public static final long DEFAULT_SEGMENT_SIZE = 64L * 1024 * 1024;

    /** Default log buffer: 4 MiB. */
    public static final int DEFAULT_BUFFER_SIZE = 4 * 1024 * 1024;

    /** Default RELAXED flush interval: 5 ms. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(5);

    /** The longest RELAXED flush interval. */
    public static final Duration MAX_FLUSH_INTERVAL = Duration.ofMinutes(1);

    /** A configuration whose flusher is an ordinary platform thread and that tells no one about its syncs. */
    public WalConfig(
            Path directory,
            FileChannelFactory channels,
            long segmentSize,
            int bufferSize,
            SyncBackend syncBackend,
            Duration flushInterval,
            long storeId) {
        this(
                directory,
                channels,
                segmentSize,
                bufferSize,
                syncBackend,
                flushInterval,
                storeId,
                Thread.ofPlatform().factory(),
                LogSyncListener.NONE);
    }

    /** Checks every option. */
    public WalConfig {
        Objects.requireNonNull(threads, "WalConfig.threads must not be null");
        Objects.requireNonNull(syncListener, "WalConfig.syncListener must not be null");
        Objects.requireNonNull(directory, "WalConfig.directory must not be null");
        Objects.requireNonNull(channels, "WalConfig.channels must not be null");
        Objects.requireNonNull(syncBackend, "WalConfig.syncBackend must not be null");
        Objects.requireNonNull(flushInterval, "WalConfig.flushInterval must not be null");
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE || segmentSize % SIZE_UNIT != 0) {
            throw new IllegalArgumentException("WalConfig.segmentSize is " + segmentSize + " but must be a multiple of "
                    + SIZE_UNIT + " between " + MIN_SEGMENT_SIZE + " and " + MAX_SEGMENT_SIZE + " bytes");
        }
        if (bufferSize < MIN_BUFFER_SIZE || bufferSize > MAX_BUFFER_SIZE || bufferSize % SIZE_UNIT != 0) {
            throw new IllegalArgumentException("WalConfig.bufferSize is " + bufferSize + " but must be a multiple of "
                    + SIZE_UNIT + " between " + MIN_BUFFER_SIZE + " and " + MAX_BUFFER_SIZE + " bytes");
        }
        if (flushInterval.isNegative() || flushInterval.isZero() || flushInterval.compareTo(MAX_FLUSH_INTERVAL) > 0) {
            throw new IllegalArgumentException("WalConfig.flushInterval is " + flushInterval
                    + " but must be positive and at most " + MAX_FLUSH_INTERVAL);
        }
    }

    /**
     * Returns the defaults for a log in {@code directory}: real files, 64 MiB segments, a 4 MiB buffer,
     * {@code fdatasync} and a 5 ms RELAXED flush interval.
     *
     * @param directory the log directory
     * @param storeId the owning store's id
     * @return the configuration
     */
    public static WalConfig of(Path directory, long storeId) {
        return new WalConfig(
                directory,
                FileChannelFactory.DEFAULT,
                DEFAULT_SEGMENT_SIZE,
                DEFAULT_BUFFER_SIZE,
                SyncBackend.FDATASYNC,
                DEFAULT_FLUSH_INTERVAL,
                storeId);
    }

    /**
     * Returns a copy with another channel factory.
     *
     * @param newChannels the factory
     * @return the new configuration
     */
    public WalConfig withChannels(FileChannelFactory newChannels) {
        return new WalConfig(
                directory,
                newChannels,
                segmentSize,
                bufferSize,
                syncBackend,
                flushInterval,
                storeId,
                threads,
                syncListener);
    }

    /**
     * Returns a copy with another segment size.
     *
     * @param newSegmentSize bytes per segment
     * @return the new configuration
     */
    public WalConfig withSegmentSize(long newSegmentSize) {
        return new WalConfig(
                directory,
                channels,
                newSegmentSize,
                bufferSize,
                syncBackend,
                flushInterval,
                storeId,
                threads,
                syncListener);
    }

    /**
     * Returns a copy with another buffer size.
     *
     * @param newBufferSize bytes of log buffer
     * @return the new configuration
     */
    public WalConfig withBufferSize(int newBufferSize) {
        return new WalConfig(
                directory,
                channels,
                segmentSize,
                newBufferSize,
                syncBackend,
                flushInterval,
                storeId,
                threads,
                syncListener);
    }

    /**
     * Returns a copy with another sync backend.
     *
     * @param newSyncBackend the backend
     * @return the new configuration
     */
    public WalConfig withSyncBackend(SyncBackend newSyncBackend) {
        return new WalConfig(
                directory,
                channels,
                segmentSize,
                bufferSize,
                newSyncBackend,
                flushInterval,
                storeId,
                threads,
                syncListener);
    }

    /**
     * Returns a copy with another RELAXED flush interval.
     *
     * @param newFlushInterval the interval
     * @return the new configuration
     */
    public WalConfig withFlushInterval(Duration newFlushInterval) {
        return new WalConfig(
                directory,
                channels,
                segmentSize,
                bufferSize,
                syncBackend,
                newFlushInterval,
                storeId,
                threads,
                syncListener);
    }

    /**
     * Returns the largest payload one record may carry: a record (header, payload, padding) takes at most an
     * eighth of the smaller of segment and buffer, so a reservation with its paddings always fits in both.
     *
     * @return bytes
     */
    public int maxPayloadSize() {
        long maxRecord = Math.min(segmentSize, bufferSize) / 8 / WalRecordLayout.ALIGNMENT * WalRecordLayout.ALIGNMENT;
        return (int) maxRecord - WalRecordLayout.HEADER_SIZE;
    }
}
