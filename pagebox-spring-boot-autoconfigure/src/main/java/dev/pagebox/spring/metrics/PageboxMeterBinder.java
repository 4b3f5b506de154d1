/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.metrics;

import dev.pagebox.Pagebox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Publishes stores' counters as {@code pagebox.*} meters, each store's tagged with its {@code store} tag; the meter
 * list is in the {@linkplain dev.pagebox.spring.metrics package documentation}. One scrape takes one
 * {@link Pagebox#stats()} snapshot per store.
 */
public final class PageboxMeterBinder implements MeterBinder {
    /** How long one stats snapshot serves a scrape's meters. */
    static final Duration SNAPSHOT_MAX_AGE = Duration.ofSeconds(1);

    private final List<StoreMeters> stores = new ArrayList<>();

    /**
     * Creates the binder for one store.
     *
     * @param pagebox the store
     * @param store the value of the {@code store} tag
     */
    public PageboxMeterBinder(Pagebox pagebox, String store) {
        this(Map.of(store, pagebox));
    }

    /**
     * Creates the binder for several stores.
     *
     * @param stores each store by the value of its {@code store} tag
     */
    public PageboxMeterBinder(Map<String, Pagebox> stores) {
        this(stores, SNAPSHOT_MAX_AGE, System::nanoTime);
    }

    PageboxMeterBinder(Map<String, Pagebox> stores, Duration snapshotMaxAge, LongSupplier nanoClock) {
        stores.forEach((store, pagebox) -> this.stores.add(new StoreMeters(pagebox, store, snapshotMaxAge, nanoClock)));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (StoreMeters store : stores) {
            store.bindTo(registry);
        }
    }
}
