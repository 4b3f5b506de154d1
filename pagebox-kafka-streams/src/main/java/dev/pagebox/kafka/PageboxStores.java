/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * Factory methods for Pagebox state stores, in the manner of Kafka's {@code Stores}:
 *
 * <pre>{@code
 * builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
 *        .groupBy((key, word) -> word)
 *        .count(Materialized.as(PageboxStores.persistentKeyValueStore("counts")));
 * }</pre>
 *
 * Every Pagebox store of one application instance, key-value, window or session, lives in one Pagebox under
 * {@code <state.dir>/<application.id>/pagebox}, with one memory budget ({@link PageboxStoreOptions#pagebox()}'s pool
 * size) for all of them.
 */
public final class PageboxStores {
    /** The least segment interval of window and session stores: a minute, as in Kafka's stores. */
    private static final long MIN_SEGMENT_INTERVAL = 60_000L;

    private PageboxStores() {}

    /**
     * A supplier of persistent key-value stores with the default options (a 256 MiB budget for the instance).
     *
     * @param name the store's name
     * @return the supplier
     */
    public static PageboxKeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        return persistentKeyValueStore(name, PageboxStoreOptions.defaults());
    }

    /**
     * A supplier of persistent key-value stores.
     *
     * @param name the store's name
     * @param options how the instance's Pagebox is opened; give every Pagebox store of the application the same
     * @return the supplier
     */
    public static PageboxKeyValueBytesStoreSupplier persistentKeyValueStore(String name, PageboxStoreOptions options) {
        return new PageboxKeyValueBytesStoreSupplier(name, options);
    }

    /**
     * A supplier of persistent window stores, for the Processor API and stream-stream joins (Kafka's
     * {@code Stores.persistentWindowStore}); a windowed aggregation wants {@link #persistentTimestampedWindowStore}.
     *
     * @param name the store's name
     * @param retentionPeriod how long a window is kept after its start, in stream time; at least the window size
     * @param windowSize the size of the windows
     * @param retainDuplicates whether every put is kept, even with the same key and window (stream-stream joins)
     * @return the supplier
     */
    public static PageboxWindowBytesStoreSupplier persistentWindowStore(
            String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates) {
        return persistentWindowStore(
                name, retentionPeriod, windowSize, retainDuplicates, PageboxStoreOptions.defaults());
    }

    /**
     * A supplier of persistent window stores with options (see {@link #persistentWindowStore(String, Duration,
     * Duration, boolean)}).
     */
    public static PageboxWindowBytesStoreSupplier persistentWindowStore(
            String name,
            Duration retentionPeriod,
            Duration windowSize,
            boolean retainDuplicates,
            PageboxStoreOptions options) {
        return windowStore(name, retentionPeriod, windowSize, retainDuplicates, false, options);
    }

    /**
     * A supplier of persistent window stores that keep each value's timestamp: what the DSL's windowed aggregations
     * need ({@code Materialized.as(supplier)}), as Kafka's {@code Stores.persistentTimestampedWindowStore}.
     *
     * <pre>{@code
     * builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
     *        .groupByKey()
     *        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(5)))
     *        .count(Materialized.as(PageboxStores.persistentTimestampedWindowStore(
     *                "clicks-per-5-min", Duration.ofDays(1), Duration.ofMinutes(5), false)));
     * }</pre>
     *
     * @param name the store's name
     * @param retentionPeriod how long a window is kept after its start, in stream time; at least the window size
     *     (plus the grace period, for the DSL)
     * @param windowSize the size of the windows
     * @param retainDuplicates whether every put is kept, even with the same key and window
     * @return the supplier
     */
    public static PageboxWindowBytesStoreSupplier persistentTimestampedWindowStore(
            String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates) {
        return persistentTimestampedWindowStore(
                name, retentionPeriod, windowSize, retainDuplicates, PageboxStoreOptions.defaults());
    }

    /** A supplier of persistent timestamped window stores with options. */
    public static PageboxWindowBytesStoreSupplier persistentTimestampedWindowStore(
            String name,
            Duration retentionPeriod,
            Duration windowSize,
            boolean retainDuplicates,
            PageboxStoreOptions options) {
        return windowStore(name, retentionPeriod, windowSize, retainDuplicates, true, options);
    }

    private static PageboxWindowBytesStoreSupplier windowStore(
            String name,
            Duration retentionPeriod,
            Duration windowSize,
            boolean retainDuplicates,
            boolean timestamped,
            PageboxStoreOptions options) {
        long retention = millis(retentionPeriod, "retentionPeriod");
        long size = millis(windowSize, "windowSize");
        return new PageboxWindowBytesStoreSupplier(
                name, retention, segmentInterval(retention), size, retainDuplicates, timestamped, options);
    }

    /**
     * A supplier of persistent session stores, for session-windowed aggregations ({@code Materialized.as(supplier)})
     * and the Processor API, as Kafka's {@code Stores.persistentSessionStore}.
     *
     * @param name the store's name
     * @param retentionPeriod how long a session is kept after its end, in stream time (for the DSL: at least the
     *     inactivity gap plus the grace period)
     * @return the supplier
     */
    public static PageboxSessionBytesStoreSupplier persistentSessionStore(String name, Duration retentionPeriod) {
        return persistentSessionStore(name, retentionPeriod, PageboxStoreOptions.defaults());
    }

    /** A supplier of persistent session stores with options. */
    public static PageboxSessionBytesStoreSupplier persistentSessionStore(
            String name, Duration retentionPeriod, PageboxStoreOptions options) {
        long retention = millis(retentionPeriod, "retentionPeriod");
        return new PageboxSessionBytesStoreSupplier(name, retention, segmentInterval(retention), options);
    }

    /** Kafka's default segment interval for a retention period: half of it, at least a minute. */
    static long segmentInterval(long retentionPeriod) {
        return Math.max(retentionPeriod / 2, MIN_SEGMENT_INTERVAL);
    }

    private static long millis(Duration duration, String what) {
        Objects.requireNonNull(duration, what + " cannot be null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " is " + duration + " but must not be negative");
        }
        return duration.toMillis();
    }
}
