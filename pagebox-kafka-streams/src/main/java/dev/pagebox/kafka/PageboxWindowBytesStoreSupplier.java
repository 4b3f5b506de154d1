/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Supplies {@link PageboxWindowStore}s to Kafka Streams, one per task: pass it wherever Kafka takes a
 * {@link WindowBytesStoreSupplier} ({@code Materialized.as(supplier)} of a windowed aggregation,
 * {@code Stores.windowStoreBuilder}, {@code StreamJoined.withThisStoreSupplier}). Made by {@link PageboxStores}.
 *
 * <p>A timestamped supplier ({@link PageboxStores#persistentTimestampedWindowStore}) makes stores that keep each
 * value's timestamp, which the DSL's windowed aggregations need from a persistent store; the plain one makes stores
 * for the Processor API and stream-stream joins, as Kafka's {@code Stores.persistentWindowStore} does.
 */
public final class PageboxWindowBytesStoreSupplier implements WindowBytesStoreSupplier {
    private final String name;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final long windowSize;
    private final boolean retainDuplicates;
    private final boolean timestamped;
    private final PageboxStoreOptions options;

    /**
     * A supplier of window stores.
     *
     * @param name the store's name (also the changelog topic's suffix)
     * @param retentionPeriod how long, in ms of stream time, a window is kept after its start; at least the window
     *     size
     * @param segmentInterval the span of window starts, in ms, that one segment tree holds (expired data is dropped
     *     a segment at a time); {@link PageboxStores} uses Kafka's default, {@code max(retentionPeriod / 2, 60 s)}
     * @param windowSize the size of the windows, in ms
     * @param retainDuplicates whether every put is kept, even with the same key and window (stream-stream joins)
     * @param timestamped whether the stores keep the values' timestamps (the DSL's windowed aggregations)
     * @param options how the application instance's Pagebox is opened
     */
    public PageboxWindowBytesStoreSupplier(
            String name,
            long retentionPeriod,
            long segmentInterval,
            long windowSize,
            boolean retainDuplicates,
            boolean timestamped,
            PageboxStoreOptions options) {
        this.name = Objects.requireNonNull(name, "name cannot be null");
        this.options = Objects.requireNonNull(options, "options cannot be null");
        if (windowSize < 0 || retentionPeriod < windowSize) {
            throw new IllegalArgumentException("the retention period (" + retentionPeriod + " ms) must be at least the "
                    + "window size (" + windowSize + " ms), which must not be negative");
        }
        if (segmentInterval < 1) {
            throw new IllegalArgumentException("segmentInterval is " + segmentInterval + " but must be at least 1 ms");
        }
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
        this.timestamped = timestamped;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public WindowStore<Bytes, byte[]> get() {
        return timestamped
                ? new PageboxWindowStore.Timestamped(
                        name, retentionPeriod, segmentInterval, windowSize, retainDuplicates, options)
                : new PageboxWindowStore(name, retentionPeriod, segmentInterval, windowSize, retainDuplicates, options);
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
    public long windowSize() {
        return windowSize;
    }

    @Override
    public boolean retainDuplicates() {
        return retainDuplicates;
    }

    @Override
    public long retentionPeriod() {
        return retentionPeriod;
    }

    /** Whether the stores keep the values' timestamps. */
    public boolean timestamped() {
        return timestamped;
    }

    /** The options the stores are opened with. */
    public PageboxStoreOptions options() {
        return options;
    }
}
