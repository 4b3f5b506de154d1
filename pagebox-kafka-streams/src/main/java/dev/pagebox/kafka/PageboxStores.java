/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

/**
 * Factory methods for Pagebox state stores, in the manner of Kafka's {@code Stores}:
 *
 * <pre>{@code
 * builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
 *        .groupBy((key, word) -> word)
 *        .count(Materialized.as(PageboxStores.persistentKeyValueStore("counts")));
 * }</pre>
 *
 * Every Pagebox store of one application instance lives in one Pagebox under {@code <state.dir>/<application.id>/
 * pagebox}, with one memory budget ({@link PageboxStoreOptions#pagebox()}'s pool size) for all of them.
 */
public final class PageboxStores {
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
}
