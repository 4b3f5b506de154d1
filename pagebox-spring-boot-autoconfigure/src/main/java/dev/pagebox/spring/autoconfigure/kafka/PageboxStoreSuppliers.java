/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.kafka;

import dev.pagebox.kafka.PageboxKeyValueBytesStoreSupplier;
import dev.pagebox.kafka.PageboxSessionBytesStoreSupplier;
import dev.pagebox.kafka.PageboxStoreOptions;
import dev.pagebox.kafka.PageboxStores;
import dev.pagebox.kafka.PageboxWindowBytesStoreSupplier;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes Pagebox store suppliers with the application's {@link PageboxStoreOptions}: key-value stores not named in
 * {@code pagebox.kafka-streams.stores}, and window and session stores, whose retention belongs to the topology:
 *
 * <pre>{@code
 * stream.groupByKey().count(Materialized.as(suppliers.keyValueStore("counts")));
 * stream.groupByKey()
 *         .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(5)))
 *         .count(Materialized.as(suppliers.timestampedWindowStore(
 *                 "counts-5m", Duration.ofDays(1), Duration.ofMinutes(5), false)));
 * }</pre>
 */
public final class PageboxStoreSuppliers {
    private final PageboxStoreOptions options;

    /**
     * Suppliers with these options.
     *
     * @param options the options of every store made here
     */
    public PageboxStoreSuppliers(PageboxStoreOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A supplier of persistent key-value stores.
     *
     * @param name the store's name
     * @return the supplier
     */
    public PageboxKeyValueBytesStoreSupplier keyValueStore(String name) {
        return PageboxStores.persistentKeyValueStore(name, options);
    }

    /**
     * A supplier of persistent window stores (see {@link PageboxStores#persistentWindowStore}).
     *
     * @param name the store's name
     * @param retentionPeriod how long windows are kept, at least the window size plus the grace period
     * @param windowSize the windows' size
     * @param retainDuplicates whether to keep every value put for a key and window (stream-stream joins)
     * @return the supplier
     */
    public PageboxWindowBytesStoreSupplier windowStore(
            String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates) {
        return PageboxStores.persistentWindowStore(name, retentionPeriod, windowSize, retainDuplicates, options);
    }

    /**
     * A supplier of persistent timestamped window stores, which the DSL's windowed aggregations use without an
     * adapter (see {@link PageboxStores#persistentTimestampedWindowStore}).
     *
     * @param name the store's name
     * @param retentionPeriod how long windows are kept, at least the window size plus the grace period
     * @param windowSize the windows' size
     * @param retainDuplicates whether to keep every value put for a key and window
     * @return the supplier
     */
    public PageboxWindowBytesStoreSupplier timestampedWindowStore(
            String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates) {
        return PageboxStores.persistentTimestampedWindowStore(
                name, retentionPeriod, windowSize, retainDuplicates, options);
    }

    /**
     * A supplier of persistent session stores (see {@link PageboxStores#persistentSessionStore}).
     *
     * @param name the store's name
     * @param retentionPeriod how long sessions are kept after they end, at least the inactivity gap plus the grace
     *     period
     * @return the supplier
     */
    public PageboxSessionBytesStoreSupplier sessionStore(String name, Duration retentionPeriod) {
        return PageboxStores.persistentSessionStore(name, retentionPeriod, options);
    }

    /** The options of every store made here. */
    public PageboxStoreOptions options() {
        return options;
    }
}
