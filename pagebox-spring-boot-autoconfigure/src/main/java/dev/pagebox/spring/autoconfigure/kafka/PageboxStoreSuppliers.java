/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.kafka;

import dev.pagebox.kafka.PageboxKeyValueBytesStoreSupplier;
import dev.pagebox.kafka.PageboxStoreOptions;
import dev.pagebox.kafka.PageboxStores;
import java.util.Objects;

/**
 * Makes Pagebox key-value store suppliers with the application's {@link PageboxStoreOptions}, for stores not named
 * in {@code pagebox.kafka-streams.stores}:
 *
 * <pre>{@code
 * stream.groupByKey().count(Materialized.as(suppliers.keyValueStore("counts")));
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

    /** The options of every store made here. */
    public PageboxStoreOptions options() {
        return options;
    }
}
