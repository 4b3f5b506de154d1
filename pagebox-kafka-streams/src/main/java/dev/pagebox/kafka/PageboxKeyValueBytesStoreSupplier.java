/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Supplies {@link PageboxKeyValueStore}s to Kafka Streams, one per task: pass it wherever Kafka takes a
 * {@link KeyValueBytesStoreSupplier} ({@code Materialized.as(supplier)}, {@code Stores.keyValueStoreBuilder}).
 * Made by {@link PageboxStores}.
 */
public final class PageboxKeyValueBytesStoreSupplier implements KeyValueBytesStoreSupplier {
    /** The metrics scope of Pagebox stores. */
    public static final String METRICS_SCOPE = "pagebox";

    private final String name;
    private final PageboxStoreOptions options;

    /**
     * A supplier of stores with this name.
     *
     * @param name the store's name (also the changelog topic's suffix)
     * @param options how the application instance's Pagebox is opened
     */
    public PageboxKeyValueBytesStoreSupplier(String name, PageboxStoreOptions options) {
        this.name = Objects.requireNonNull(name, "name cannot be null");
        this.options = Objects.requireNonNull(options, "options cannot be null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new PageboxKeyValueStore(name, options);
    }

    @Override
    public String metricsScope() {
        return METRICS_SCOPE;
    }

    /** The options the stores are opened with. */
    public PageboxStoreOptions options() {
        return options;
    }
}
