/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the Pagebox stores of an application instance are kept. The store of an instance is opened by the first
 * state store that needs it, with that state store's options; give every Pagebox state store of one application
 * the same options (a later store whose options differ is logged and uses the open store as it is).
 *
 * @param pagebox the engine's options: above all {@link PageboxOptions#poolSize()}, the memory budget of the whole
 *     instance
 * @param directory where the instance's Pagebox lives; null for {@code <state.dir>/<application.id>/pagebox}
 * @param commitMode how the batches that carry changelog offsets (commits and restored chunks) are made durable:
 *     {@code RELAXED} (the default: they return at once and the engine's flusher writes and syncs them within its
 *     flush interval), {@code STRICT} (each waits for its sync) or {@code NONE} (handed to the operating system
 *     within the flush interval but not synced, so a power loss, or a process crash within that interval, can roll
 *     the store back to an earlier commit, which is still consistent but makes the next restoration longer). Data writes between commits never sync: the changelog is
 *     the source of truth, and the log's order keeps every rollback at a consistent point
 * @param sweepInterval how often trees of tasks whose directories Kafka Streams has deleted are dropped in the
 *     background; zero turns the background sweep off (stores still sweep when they open and close)
 * @param restoreBufferSize how many bytes of changelog records the stores of the instance may hold on the heap while
 *     restoring, to write them in key order many at a time (each leaf of a tree larger than the pool is then
 *     faulted in once per buffer instead of once per record); zero writes each batch as it comes
 */
public record PageboxStoreOptions(
        PageboxOptions pagebox,
        @Nullable Path directory,
        CommitMode commitMode,
        Duration sweepInterval,
        long restoreBufferSize) {

    /** The default memory budget of one application instance: 256 MiB. */
    public static final long DEFAULT_POOL_SIZE = PageboxOptions.DEFAULT_POOL_SIZE;

    /**
     * The most heap the default restore buffer takes, for the whole instance: 64 MiB (see
     * {@link #defaultRestoreBufferSize()}).
     */
    public static final long DEFAULT_RESTORE_BUFFER_SIZE = 64L << 20;

    /** Validates the options. */
    public PageboxStoreOptions {
        Objects.requireNonNull(pagebox, "pagebox");
        Objects.requireNonNull(commitMode, "commitMode");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        if (sweepInterval.isNegative()) {
            throw new IllegalArgumentException("sweepInterval is " + sweepInterval + " but must not be negative");
        }
        if (restoreBufferSize < 0) {
            throw new IllegalArgumentException(
                    "restoreBufferSize is " + restoreBufferSize + " but must not be negative");
        }
    }

    /** Options with the default restore buffer ({@link #defaultRestoreBufferSize()}). */
    public PageboxStoreOptions(
            PageboxOptions pagebox, @Nullable Path directory, CommitMode commitMode, Duration sweepInterval) {
        this(pagebox, directory, commitMode, sweepInterval, defaultRestoreBufferSize());
    }

    /**
     * The default restore buffer: {@value #DEFAULT_RESTORE_BUFFER_SIZE} bytes, or an eighth of the JVM's maximum
     * heap if that is less, so that a small heap is not crowded by records waiting to be restored.
     */
    public static long defaultRestoreBufferSize() {
        return Math.min(DEFAULT_RESTORE_BUFFER_SIZE, Runtime.getRuntime().maxMemory() / 8);
    }

    /**
     * The defaults: a 256 MiB pool, the instance's state directory, {@code RELAXED} commits, a sweep a minute, a
     * restore buffer of 64 MiB or an eighth of the maximum heap.
     */
    public static PageboxStoreOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder()
                .pagebox(pagebox)
                .directory(directory)
                .commitMode(commitMode)
                .sweepInterval(sweepInterval)
                .restoreBufferSize(restoreBufferSize);
    }

    /** Builds {@link PageboxStoreOptions}. */
    public static final class Builder {
        private PageboxOptions pagebox =
                PageboxOptions.builder().commitMode(CommitMode.NONE).build();
        private @Nullable Path directory;
        private CommitMode commitMode = CommitMode.RELAXED;
        private Duration sweepInterval = Duration.ofMinutes(1);
        private long restoreBufferSize = defaultRestoreBufferSize();

        private Builder() {}

        /** Sets {@link PageboxStoreOptions#pagebox()}. */
        public Builder pagebox(PageboxOptions options) {
            this.pagebox = options;
            return this;
        }

        /** Sets the memory budget ({@link PageboxOptions#poolSize()}) of the engine options, keeping the others. */
        public Builder poolSize(long bytes) {
            this.pagebox = pagebox.toBuilder().poolSize(bytes).build();
            return this;
        }

        /** Sets {@link PageboxStoreOptions#directory()}. */
        public Builder directory(@Nullable Path path) {
            this.directory = path;
            return this;
        }

        /** Sets {@link PageboxStoreOptions#commitMode()}. */
        public Builder commitMode(CommitMode mode) {
            this.commitMode = mode;
            return this;
        }

        /** Sets {@link PageboxStoreOptions#sweepInterval()}. */
        public Builder sweepInterval(Duration interval) {
            this.sweepInterval = interval;
            return this;
        }

        /** Sets {@link PageboxStoreOptions#restoreBufferSize()}. */
        public Builder restoreBufferSize(long bytes) {
            this.restoreBufferSize = bytes;
            return this;
        }

        /** Builds and validates the options. */
        public PageboxStoreOptions build() {
            return new PageboxStoreOptions(pagebox, directory, commitMode, sweepInterval, restoreBufferSize);
        }
    }
}
