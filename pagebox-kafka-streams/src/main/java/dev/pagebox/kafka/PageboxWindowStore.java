/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.TimestampedBytesStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka Streams window store of bytes held in the application instance's shared {@link dev.pagebox.Pagebox}: one
 * tree per time segment of each task's store, dropped whole once every window in it has expired. Made by
 * {@link PageboxWindowBytesStoreSupplier}; Kafka Streams wraps it in its logging, caching and metering layers.
 *
 * <h2>Layout and order</h2>
 * Entries are keyed as Kafka's window changelog is ({@link WindowKeys}: record key, window start, sequence number),
 * in the tree of segment {@code start / segmentInterval}. Iterators over several keys go segment by segment, and
 * within a segment in key order: the order Kafka's caching layer ({@code CachingWindowStore}) merges its cache in.
 * Iterators over one key go in window start order. Backward iterators are the exact reverse.
 *
 * <h2>Retention</h2>
 * As Kafka's stores: the observed stream time is the latest window start put; a window that starts at or before
 * {@code streamTime - retentionPeriod} has expired: puts to it are skipped and no read returns it. Segments that
 * have wholly expired are dropped after each commit. Window starts are at least 0, as Kafka's windows are.
 *
 * <p>Offsets, crashes and the modes are those of the key-value store (see {@link PageboxKeyValueStore} and
 * {@link StoreCore}); the stream time is written with the offsets.
 */
public sealed class PageboxWindowStore extends SegmentedStateStore implements WindowStore<Bytes, byte[]>
        permits PageboxWindowStore.Timestamped {
    private final long windowSize;
    private final boolean retainDuplicates;
    private int seqnum;

    /**
     * A store, not yet opened; Kafka Streams opens it through {@link #init}.
     *
     * @param name the store's name
     * @param retentionPeriod how long, in ms of stream time, a window is kept after its start
     * @param segmentInterval the span of window starts, in ms, that one segment tree holds
     * @param windowSize the size of the windows, in ms (for the windowed keys that iterators return)
     * @param retainDuplicates whether every put is kept, even with the same key and window (stream-stream joins)
     * @param options how the instance's Pagebox is opened and commits are made
     */
    public PageboxWindowStore(
            String name,
            long retentionPeriod,
            long segmentInterval,
            long windowSize,
            boolean retainDuplicates,
            PageboxStoreOptions options) {
        super(new SegmentedStore(
                new StoreCore(name, options, TreeNames.Kind.WINDOW),
                retentionPeriod,
                segmentInterval,
                WindowKeys::start));
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
    }

    @Override
    public void put(Bytes key, byte @Nullable [] value, long windowStartTimestamp) {
        Objects.requireNonNull(key, "key cannot be null");
        if (!store.advance(windowStartTimestamp) || (value == null && retainDuplicates)) {
            store.skipped(); // a delete means nothing where every put is kept
            return;
        }
        int sequence = 0;
        if (retainDuplicates) {
            seqnum = (seqnum + 1) & Integer.MAX_VALUE;
            sequence = seqnum;
        }
        store.write(WindowKeys.encode(key.get(), windowStartTimestamp, sequence), windowStartTimestamp, value);
    }

    @Override
    public byte @Nullable [] fetch(Bytes key, long time) {
        return fetch(key, time, IsolationLevel.READ_UNCOMMITTED);
    }

    private byte @Nullable [] fetch(Bytes key, long time, IsolationLevel isolation) {
        Objects.requireNonNull(key, "key cannot be null");
        return store.get(WindowKeys.encode(key.get(), time, 0), time, isolation);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return fetch(key, timeFrom, timeTo, true, IsolationLevel.READ_UNCOMMITTED);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return fetch(key, timeFrom, timeTo, false, IsolationLevel.READ_UNCOMMITTED);
    }

    private WindowStoreIterator<byte[]> fetch(
            Bytes key, long timeFrom, long timeTo, boolean forward, IsolationLevel isolation) {
        Objects.requireNonNull(key, "key cannot be null");
        byte[] bytes = key.get();
        KeyBounds bounds =
                KeyBounds.range(WindowKeys.lowerBound(bytes, timeFrom), WindowKeys.upperBound(bytes, timeTo));
        Predicate<byte[]> accept = raw -> raw.length == bytes.length + WindowKeys.SUFFIX_BYTES
                && WindowKeys.compareKey(raw, bytes) == 0
                && within(WindowKeys.start(raw), timeFrom, timeTo);
        return new KeyMappingIterator.Times(store.iterator(timeFrom, timeTo, bounds, accept, forward, isolation));
    }

    private static boolean within(long time, long from, long to) {
        return time >= from && time <= to;
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long timeFrom, long timeTo) {
        return fetch(keyFrom, keyTo, timeFrom, timeTo, true, IsolationLevel.READ_UNCOMMITTED);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long timeFrom, long timeTo) {
        return fetch(keyFrom, keyTo, timeFrom, timeTo, false, IsolationLevel.READ_UNCOMMITTED);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> fetch(
            @Nullable Bytes keyFrom,
            @Nullable Bytes keyTo,
            long timeFrom,
            long timeTo,
            boolean forward,
            IsolationLevel isolation) {
        byte[] from = keyFrom == null ? null : keyFrom.get();
        byte[] to = keyTo == null ? null : keyTo.get();
        if (core.inverted(from, to)) {
            return new EmptyIterator<>(name());
        }
        KeyBounds bounds = KeyBounds.range(from, to == null ? null : WindowKeys.rangeUpperBound(to, timeTo));
        Predicate<byte[]> accept = raw -> (from == null || WindowKeys.compareKey(raw, from) >= 0)
                && (to == null || WindowKeys.compareKey(raw, to) <= 0)
                && within(WindowKeys.start(raw), timeFrom, timeTo);
        return windowed(store.iterator(timeFrom, timeTo, bounds, accept, forward, isolation));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return fetchAll(timeFrom, timeTo, true, IsolationLevel.READ_UNCOMMITTED);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return fetchAll(timeFrom, timeTo, false, IsolationLevel.READ_UNCOMMITTED);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(
            long timeFrom, long timeTo, boolean forward, IsolationLevel isolation) {
        Predicate<byte[]> accept = raw -> within(WindowKeys.start(raw), timeFrom, timeTo);
        return windowed(store.iterator(timeFrom, timeTo, KeyBounds.ALL, accept, forward, isolation));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return all(true, IsolationLevel.READ_UNCOMMITTED);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return all(false, IsolationLevel.READ_UNCOMMITTED);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> all(boolean forward, IsolationLevel isolation) {
        return windowed(store.iterator(Long.MIN_VALUE, Long.MAX_VALUE, KeyBounds.ALL, raw -> true, forward, isolation));
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> windowed(KeyValueIterator<Bytes, byte[]> raw) {
        return new KeyMappingIterator<>(raw, windowKey -> WindowKeys.windowed(windowKey, windowSize));
    }

    @Override
    public ReadOnlyWindowStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
        Objects.requireNonNull(isolationLevel, "isolationLevel cannot be null");
        store.segments();
        return new ReadOnlyView(isolationLevel);
    }

    /** A window store whose values carry their timestamps: what the DSL's windowed aggregations want. */
    static final class Timestamped extends PageboxWindowStore implements TimestampedBytesStore {
        Timestamped(
                String name,
                long retentionPeriod,
                long segmentInterval,
                long windowSize,
                boolean retainDuplicates,
                PageboxStoreOptions options) {
            super(name, retentionPeriod, segmentInterval, windowSize, retainDuplicates, options);
        }
    }

    /** A view for {@link #readOnly}: {@code READ_COMMITTED} skips a transactional store's staged writes. */
    private final class ReadOnlyView implements ReadOnlyWindowStore<Bytes, byte[]> {
        private final IsolationLevel isolation;

        ReadOnlyView(IsolationLevel isolation) {
            this.isolation = isolation;
        }

        @Override
        public byte @Nullable [] fetch(Bytes key, long time) {
            return PageboxWindowStore.this.fetch(key, time, isolation);
        }

        @Override
        public WindowStoreIterator<byte[]> fetch(Bytes key, Instant timeFrom, Instant timeTo) {
            return PageboxWindowStore.this.fetch(key, millis(timeFrom), millis(timeTo), true, isolation);
        }

        @Override
        public WindowStoreIterator<byte[]> backwardFetch(Bytes key, Instant timeFrom, Instant timeTo) {
            return PageboxWindowStore.this.fetch(key, millis(timeFrom), millis(timeTo), false, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(
                @Nullable Bytes keyFrom, @Nullable Bytes keyTo, Instant timeFrom, Instant timeTo) {
            return PageboxWindowStore.this.fetch(keyFrom, keyTo, millis(timeFrom), millis(timeTo), true, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(
                @Nullable Bytes keyFrom, @Nullable Bytes keyTo, Instant timeFrom, Instant timeTo) {
            return PageboxWindowStore.this.fetch(keyFrom, keyTo, millis(timeFrom), millis(timeTo), false, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
            return PageboxWindowStore.this.all(true, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
            return PageboxWindowStore.this.all(false, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(Instant timeFrom, Instant timeTo) {
            return PageboxWindowStore.this.fetchAll(millis(timeFrom), millis(timeTo), true, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(Instant timeFrom, Instant timeTo) {
            return PageboxWindowStore.this.fetchAll(millis(timeFrom), millis(timeTo), false, isolation);
        }

        private static long millis(Instant instant) {
            return Objects.requireNonNull(instant, "time cannot be null").toEpochMilli();
        }
    }
}
