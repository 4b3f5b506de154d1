/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.time.Duration;
import java.util.Objects;

/**
 * How a store is opened: memory budget, page size, durability and checkpoint policy, threads. Immutable and
 * validated when built: a wrong value fails at once with a message naming the option and its allowed range.
 * Start from {@link #defaults()} or {@link #builder()}.
 *
 * @param poolSize bytes of memory for cached pages (the buffer pool's resident budget), at least 8 pages
 * @param pageSize the page size of a new store, a power of two from 4 KiB to 64 KiB (an existing store keeps the
 *     page size it was created with)
 * @param commitMode when writes are durable unless a call says otherwise
 * @param flushInterval how soon a {@code RELAXED} write becomes durable, at most a minute
 * @param walSegmentSize size of each write-ahead log segment file, a multiple of 4 KiB
 * @param walBufferSize memory for log records not yet written, a multiple of 4 KiB
 * @param syncBackend how the log makes its writes durable
 * @param directIo whether the data file bypasses the operating system's page cache ({@code O_DIRECT})
 * @param checkpointInterval time between checkpoints; zero for none on a timer
 * @param checkpointWalSize log bytes since the last checkpoint that trigger one
 * @param checkpointOnClose whether closing the store checkpoints first (so the next open replays nothing)
 * @param backgroundPinning CPUs for the background threads
 * @param channels how files are opened (tests inject faults here)
 * @param logSyncListener told the duration and group size of every log sync (for metrics)
 * @param readOnly whether the store is opened without writing a byte to its files: recovery is applied in memory
 *     only, writes throw {@link ReadOnlyStoreException}, other processes may open it read-only too but none
 *     read-write; for inspection, analytics, backups and a store on a full disk
 */
public record PageboxOptions(
        long poolSize,
        int pageSize,
        CommitMode commitMode,
        Duration flushInterval,
        long walSegmentSize,
        int walBufferSize,
        SyncBackend syncBackend,
        boolean directIo,
        Duration checkpointInterval,
        long checkpointWalSize,
        boolean checkpointOnClose,
        CpuPinning backgroundPinning,
        FileChannelFactory channels,
        LogSyncListener logSyncListener,
        boolean readOnly) {

    /** Default pool size: 256 MiB. */
    public static final long DEFAULT_POOL_SIZE = 256L << 20;

    /** Default page size: 16 KiB. */
    public static final int DEFAULT_PAGE_SIZE = 16 << 10;

    private static final int SIZE_UNIT = 4096;
    private static final int MIN_PAGES = 8;
    private static final Duration MAX_FLUSH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_VALUE = 16 << 20;

    /** Validates every option; the message names the option. */
    public PageboxOptions {
        Objects.requireNonNull(commitMode, "commitMode");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(syncBackend, "syncBackend");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(backgroundPinning, "backgroundPinning");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(logSyncListener, "logSyncListener");
        if (Integer.bitCount(pageSize) != 1 || pageSize < 4096 || pageSize > 65536) {
            throw new IllegalArgumentException(
                    "pageSize is " + pageSize + " but must be a power of two from 4096 to 65536");
        }
        if (poolSize / pageSize < MIN_PAGES) {
            throw new IllegalArgumentException("poolSize is " + poolSize + " bytes but must hold at least " + MIN_PAGES
                    + " pages of " + pageSize + " bytes (" + (long) MIN_PAGES * pageSize + " bytes)");
        }
        if (flushInterval.isNegative() || flushInterval.isZero() || flushInterval.compareTo(MAX_FLUSH_INTERVAL) > 0) {
            throw new IllegalArgumentException(
                    "flushInterval is " + flushInterval + " but must be positive and at most " + MAX_FLUSH_INTERVAL);
        }
        long minimumLog = minimumLogSize(pageSize);
        checkLogSize("walSegmentSize", walSegmentSize, minimumLog, 1L << 40);
        checkLogSize("walBufferSize", walBufferSize, minimumLog, 1L << 30);
        if (checkpointInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "checkpointInterval is " + checkpointInterval + " but must not be negative");
        }
        if (checkpointWalSize < walSegmentSize) {
            throw new IllegalArgumentException("checkpointWalSize is " + checkpointWalSize
                    + " bytes but must be at least walSegmentSize (" + walSegmentSize + " bytes)");
        }
    }

    private static void checkLogSize(String option, long value, long minimum, long maximum) {
        if (value % SIZE_UNIT != 0 || value < minimum || value > maximum) {
            throw new IllegalArgumentException(option + " is " + value + " bytes but must be a multiple of " + SIZE_UNIT
                    + " from " + minimum + " (the largest log record of this page size takes an eighth) to " + maximum);
        }
    }

    /**
     * The smallest log segment and buffer for a page size: a record may take an eighth of either, and the largest
     * records (a root split's two page images, the page list of a 16 MiB value) must fit.
     */
    static long minimumLogSize(int pageSize) {
        long overflowPages = (MAX_VALUE + pageSize - 49L) / (pageSize - 48);
        long largestRecord = 2L * pageSize + 16 * overflowPages + pageSize / 4 + 256 + 24;
        long minimum = 8 * largestRecord;
        return (minimum + SIZE_UNIT - 1) / SIZE_UNIT * SIZE_UNIT;
    }

    /** The defaults: 256 MiB pool, 16 KiB pages, STRICT, 5 ms, 64 MiB segments, 4 MiB buffer, fdatasync. */
    public static PageboxOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder()
                .poolSize(poolSize)
                .pageSize(pageSize)
                .commitMode(commitMode)
                .flushInterval(flushInterval)
                .walSegmentSize(walSegmentSize)
                .walBufferSize(walBufferSize)
                .syncBackend(syncBackend)
                .directIo(directIo)
                .checkpointInterval(checkpointInterval)
                .checkpointWalSize(checkpointWalSize)
                .checkpointOnClose(checkpointOnClose)
                .backgroundPinning(backgroundPinning)
                .channels(channels)
                .logSyncListener(logSyncListener)
                .readOnly(readOnly);
    }

    /** Builds {@link PageboxOptions}; {@link #build()} validates. */
    public static final class Builder {
        private long poolSize = DEFAULT_POOL_SIZE;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private CommitMode commitMode = CommitMode.STRICT;
        private Duration flushInterval = Duration.ofMillis(5);
        private long walSegmentSize = 64L << 20;
        private int walBufferSize = 4 << 20;
        private SyncBackend syncBackend = SyncBackend.FDATASYNC;
        private boolean directIo;
        private Duration checkpointInterval = Duration.ofMinutes(5);
        private long checkpointWalSize = 1L << 30;
        private boolean checkpointOnClose = true;
        private CpuPinning backgroundPinning = CpuPinning.OFF;
        private FileChannelFactory channels = FileChannelFactory.DEFAULT;
        private LogSyncListener logSyncListener = LogSyncListener.NONE;
        private boolean readOnly;

        private Builder() {}

        /** Sets {@link PageboxOptions#poolSize()}. */
        public Builder poolSize(long bytes) {
            this.poolSize = bytes;
            return this;
        }

        /** Sets {@link PageboxOptions#pageSize()}. */
        public Builder pageSize(int bytes) {
            this.pageSize = bytes;
            return this;
        }

        /** Sets {@link PageboxOptions#commitMode()}. */
        public Builder commitMode(CommitMode mode) {
            this.commitMode = mode;
            return this;
        }

        /** Sets {@link PageboxOptions#flushInterval()}. */
        public Builder flushInterval(Duration interval) {
            this.flushInterval = interval;
            return this;
        }

        /** Sets {@link PageboxOptions#walSegmentSize()}. */
        public Builder walSegmentSize(long bytes) {
            this.walSegmentSize = bytes;
            return this;
        }

        /** Sets {@link PageboxOptions#walBufferSize()}. */
        public Builder walBufferSize(int bytes) {
            this.walBufferSize = bytes;
            return this;
        }

        /** Sets {@link PageboxOptions#syncBackend()}. */
        public Builder syncBackend(SyncBackend backend) {
            this.syncBackend = backend;
            return this;
        }

        /** Sets {@link PageboxOptions#directIo()}. */
        public Builder directIo(boolean direct) {
            this.directIo = direct;
            return this;
        }

        /** Sets {@link PageboxOptions#checkpointInterval()}. */
        public Builder checkpointInterval(Duration interval) {
            this.checkpointInterval = interval;
            return this;
        }

        /** Sets {@link PageboxOptions#checkpointWalSize()}. */
        public Builder checkpointWalSize(long bytes) {
            this.checkpointWalSize = bytes;
            return this;
        }

        /** Sets {@link PageboxOptions#checkpointOnClose()}. */
        public Builder checkpointOnClose(boolean checkpoint) {
            this.checkpointOnClose = checkpoint;
            return this;
        }

        /** Sets {@link PageboxOptions#backgroundPinning()}. */
        public Builder backgroundPinning(CpuPinning pinning) {
            this.backgroundPinning = pinning;
            return this;
        }

        /** Sets {@link PageboxOptions#channels()}. */
        public Builder channels(FileChannelFactory factory) {
            this.channels = factory;
            return this;
        }

        /** Sets {@link PageboxOptions#logSyncListener()}. */
        public Builder logSyncListener(LogSyncListener listener) {
            this.logSyncListener = listener;
            return this;
        }

        /** Sets {@link PageboxOptions#readOnly()}. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * Builds and validates the options.
         *
         * @throws IllegalArgumentException naming the first wrong option
         */
        public PageboxOptions build() {
            return new PageboxOptions(
                    poolSize,
                    pageSize,
                    commitMode,
                    flushInterval,
                    walSegmentSize,
                    walBufferSize,
                    syncBackend,
                    directIo,
                    checkpointInterval,
                    checkpointWalSize,
                    checkpointOnClose,
                    backgroundPinning,
                    channels,
                    logSyncListener,
                    readOnly);
        }
    }
}
