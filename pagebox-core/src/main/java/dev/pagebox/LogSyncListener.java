/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/**
 * Told about every sync of the write-ahead log (an {@code fdatasync}, or a synchronous write with
 * {@link SyncBackend#DSYNC} and {@link SyncBackend#DIRECT}): how long it took and how many records it made
 * durable, so a metrics library can keep a latency histogram and the group-commit sizes (the Spring Boot starter
 * feeds Micrometer from it). Set with {@link PageboxOptions.Builder#logSyncListener}.
 *
 * <p>Called on the log's flusher thread right after the sync and before the writers waiting for it are released,
 * so a write that returns finds its sync already reported; the listener delays those writers, and the next
 * sync, by as long as it runs: it must be quick and must not block. An exception it throws is logged once and
 * otherwise ignored.
 */
@FunctionalInterface
public interface LogSyncListener {
    /** A listener that does nothing, the default. */
    LogSyncListener NONE = (durationNanos, records) -> {};

    /**
     * One sync happened.
     *
     * @param durationNanos how long it took, in nanoseconds
     * @param records log records it made durable (the group-commit size; zero for a sync that only made
     *     padding or a segment switch durable)
     */
    void synced(long durationNanos, long records);
}
