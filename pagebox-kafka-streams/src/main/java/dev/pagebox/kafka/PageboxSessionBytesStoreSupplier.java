/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.SessionBytesStoreSupplier;
import org.apache.kafka.streams.state.SessionStore;

/**
 * Supplies {@link PageboxSessionStore}s to Kafka Streams, one per task: pass it wherever Kafka takes a
 * {@link SessionBytesStoreSupplier} ({@code Materialized.as(supplier)} of a session-windowed aggregation,
 * {@code Stores.sessionStoreBuilder}). Made by {@link PageboxStores}.
 */
public final class PageboxSessionBytesStoreSupplier implements SessionBytesStoreSupplier {
    private final String name;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final PageboxStoreOptions options;

    /**
     * A supplier of session stores.
     *
     * @param name the store's name (also the changelog topic's suffix)
     * @param retentionPeriod how long, in ms of stream time, a session is kept after its end
     * @param segmentInterval the span of session ends, in ms, that one segment tree holds (expired data is dropped a
     *     segment at a time); {@link PageboxStores} uses Kafka's default, {@code max(retentionPeriod / 2, 60 s)}
     * @param options how the application instance's Pagebox is opened
     */
    public PageboxSessionBytesStoreSupplier(
            String name, long retentionPeriod, long segmentInterval, PageboxStoreOptions options) {
        this.name = Objects.requireNonNull(name, "name cannot be null");
        this.options = Objects.requireNonNull(options, "options cannot be null");
        if (retentionPeriod < 0) {
            throw new IllegalArgumentException("retentionPeriod is " + retentionPeriod + " but must not be negative");
        }
        if (segmentInterval < 1) {
            throw new IllegalArgumentException("segmentInterval is " + segmentInterval + " but must be at least 1 ms");
        }
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SessionStore<Bytes, byte[]> get() {
        return new PageboxSessionStore(name, retentionPeriod, segmentInterval, options);
    }

    @Override
    public String metricsScope() {
        return PageboxKeyValueBytesStoreSupplier.METRICS_SCOPE;
    }

    @Override
    public long segmentIntervalMs() {
        return segmentInterval;
    }

    @Override
    public long retentionPeriod() {
        return retentionPeriod;
    }

    /** The options the stores are opened with. */
    public PageboxStoreOptions options() {
        return options;
    }
}
