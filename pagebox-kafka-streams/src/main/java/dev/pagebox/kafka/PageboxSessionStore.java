/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlySessionStore;
import org.apache.kafka.streams.state.SessionStore;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka Streams session store of bytes held in the application instance's shared {@link dev.pagebox.Pagebox}: one
 * tree per segment of session end times of each task's store, dropped whole once every session in it has expired.
 * Made by {@link PageboxSessionBytesStoreSupplier}; Kafka Streams wraps it in its logging, caching and metering
 * layers.
 *
 * <h2>Layout and order</h2>
 * Sessions are keyed as Kafka's session changelog is ({@link SessionKeys}: record key, end, start), in the tree of
 * segment {@code end / segmentInterval}. Iterators go segment by segment, and within a segment in key order (so one
 * key's sessions by end, then start): the order Kafka's caching layer ({@code CachingSessionStore}) merges its cache
 * in. Backward iterators are the exact reverse.
 *
 * <h2>Retention</h2>
 * As Kafka's stores: the observed stream time is the latest session end put; a session that ends at or before
 * {@code streamTime - retentionPeriod} has expired: puts of it are skipped and no read returns it. Segments that have
 * wholly expired are dropped after each commit. {@link #remove} deletes whatever the time.
 *
 * <p>Offsets, crashes and the modes are those of the key-value store (see {@link PageboxKeyValueStore} and
 * {@link StoreCore}); the stream time is written with the offsets.
 */
public final class PageboxSessionStore extends SegmentedStateStore implements SessionStore<Bytes, byte[]> {
    /**
     * A store, not yet opened; Kafka Streams opens it through {@link #init}.
     *
     * @param name the store's name
     * @param retentionPeriod how long, in ms of stream time, a session is kept after its end
     * @param segmentInterval the span of session ends, in ms, that one segment tree holds
     * @param options how the instance's Pagebox is opened and commits are made
     */
    public PageboxSessionStore(String name, long retentionPeriod, long segmentInterval, PageboxStoreOptions options) {
        super(new SegmentedStore(
                new StoreCore(name, options, TreeNames.Kind.SESSION),
                retentionPeriod,
                segmentInterval,
                SessionKeys::end));
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte @Nullable [] aggregate) {
        Objects.requireNonNull(sessionKey, "sessionKey cannot be null");
        Objects.requireNonNull(sessionKey.key(), "sessionKey.key() cannot be null");
        long end = sessionKey.window().end();
        if (store.advance(end)) {
            store.write(SessionKeys.encode(sessionKey), end, aggregate);
        } else {
            store.skipped();
        }
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        Objects.requireNonNull(sessionKey, "sessionKey cannot be null");
        Objects.requireNonNull(sessionKey.key(), "sessionKey.key() cannot be null");
        store.write(SessionKeys.encode(sessionKey), sessionKey.window().end(), null);
    }

    @Override
    public byte @Nullable [] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        return fetchSession(key, sessionStartTime, sessionEndTime, IsolationLevel.READ_UNCOMMITTED);
    }

    private byte @Nullable [] fetchSession(Bytes key, long start, long end, IsolationLevel isolation) {
        Objects.requireNonNull(key, "key cannot be null");
        return store.get(SessionKeys.encode(key.get(), start, end), end, isolation);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
            long earliestSessionEndTime, long latestSessionEndTime) {
        return range(null, null, earliestSessionEndTime, latestSessionEndTime, Long.MAX_VALUE, true, uncommitted());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
            Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return single(key, earliestSessionEndTime, latestSessionStartTime, true, uncommitted());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
            Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return single(key, earliestSessionEndTime, latestSessionStartTime, false, uncommitted());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return range(
                keyFrom, keyTo, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, true, uncommitted());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return range(
                keyFrom, keyTo, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, false, uncommitted());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return single(key, Long.MIN_VALUE, Long.MAX_VALUE, true, uncommitted());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return single(key, Long.MIN_VALUE, Long.MAX_VALUE, false, uncommitted());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(@Nullable Bytes keyFrom, @Nullable Bytes keyTo) {
        return range(keyFrom, keyTo, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, true, uncommitted());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(@Nullable Bytes keyFrom, @Nullable Bytes keyTo) {
        return range(keyFrom, keyTo, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, false, uncommitted());
    }

    private static IsolationLevel uncommitted() {
        return IsolationLevel.READ_UNCOMMITTED;
    }

    /** The sessions of one key that end at {@code earliestEnd} or later and start at {@code latestStart} or earlier. */
    private KeyValueIterator<Windowed<Bytes>, byte[]> single(
            Bytes key, long earliestEnd, long latestStart, boolean forward, IsolationLevel isolation) {
        Objects.requireNonNull(key, "key cannot be null");
        byte[] bytes = key.get();
        KeyBounds bounds = KeyBounds.range(SessionKeys.lowerBound(bytes, earliestEnd), SessionKeys.upperBound(bytes));
        return windowed(store.iterator(
                earliestEnd,
                Long.MAX_VALUE,
                bounds,
                raw -> raw.length == bytes.length + SessionKeys.SUFFIX_BYTES
                        && SessionKeys.compareKey(raw, bytes) == 0
                        && SessionKeys.end(raw) >= earliestEnd
                        && SessionKeys.start(raw) <= latestStart,
                forward,
                isolation));
    }

    /**
     * The sessions with keys from {@code keyFrom} to {@code keyTo} (null: open) that end from {@code earliestEnd} to
     * {@code latestEnd} and start at {@code latestStart} or earlier.
     */
    private KeyValueIterator<Windowed<Bytes>, byte[]> range(
            @Nullable Bytes keyFrom,
            @Nullable Bytes keyTo,
            long earliestEnd,
            long latestEnd,
            long latestStart,
            boolean forward,
            IsolationLevel isolation) {
        byte[] from = keyFrom == null ? null : keyFrom.get();
        byte[] to = keyTo == null ? null : keyTo.get();
        if (core.inverted(from, to)) {
            return new EmptyIterator<>(name());
        }
        KeyBounds bounds = KeyBounds.range(from, to == null ? null : SessionKeys.rangeUpperBound(to));
        return windowed(store.iterator(
                earliestEnd,
                latestEnd,
                bounds,
                raw -> (from == null || SessionKeys.compareKey(raw, from) >= 0)
                        && (to == null || SessionKeys.compareKey(raw, to) <= 0)
                        && SessionKeys.end(raw) >= earliestEnd
                        && SessionKeys.end(raw) <= latestEnd
                        && SessionKeys.start(raw) <= latestStart,
                forward,
                isolation));
    }

    private static KeyValueIterator<Windowed<Bytes>, byte[]> windowed(KeyValueIterator<Bytes, byte[]> raw) {
        return new KeyMappingIterator<>(raw, SessionKeys::windowed);
    }

    @Override
    public ReadOnlySessionStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
        Objects.requireNonNull(isolationLevel, "isolationLevel cannot be null");
        store.segments();
        return new ReadOnlyView(isolationLevel);
    }

    /** A view for {@link #readOnly}: {@code READ_COMMITTED} skips a transactional store's staged writes. */
    private final class ReadOnlyView implements ReadOnlySessionStore<Bytes, byte[]> {
        private final IsolationLevel isolation;

        ReadOnlyView(IsolationLevel isolation) {
            this.isolation = isolation;
        }

        @Override
        public byte @Nullable [] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
            return PageboxSessionStore.this.fetchSession(key, sessionStartTime, sessionEndTime, isolation);
        }

        @Override
        public byte @Nullable [] fetchSession(Bytes key, Instant sessionStartTime, Instant sessionEndTime) {
            return fetchSession(key, millis(sessionStartTime), millis(sessionEndTime));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
                Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
            return single(key, earliestSessionEndTime, latestSessionStartTime, true, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
                Bytes key, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
            return findSessions(key, millis(earliestSessionEndTime), millis(latestSessionStartTime));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
                Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
            return single(key, earliestSessionEndTime, latestSessionStartTime, false, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
                Bytes key, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
            return backwardFindSessions(key, millis(earliestSessionEndTime), millis(latestSessionStartTime));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
                @Nullable Bytes keyFrom,
                @Nullable Bytes keyTo,
                long earliestSessionEndTime,
                long latestSessionStartTime) {
            return range(
                    keyFrom, keyTo, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, true, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
                @Nullable Bytes keyFrom,
                @Nullable Bytes keyTo,
                Instant earliestSessionEndTime,
                Instant latestSessionStartTime) {
            return findSessions(keyFrom, keyTo, millis(earliestSessionEndTime), millis(latestSessionStartTime));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
                @Nullable Bytes keyFrom,
                @Nullable Bytes keyTo,
                long earliestSessionEndTime,
                long latestSessionStartTime) {
            return range(
                    keyFrom, keyTo, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, false, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
                @Nullable Bytes keyFrom,
                @Nullable Bytes keyTo,
                Instant earliestSessionEndTime,
                Instant latestSessionStartTime) {
            return backwardFindSessions(keyFrom, keyTo, millis(earliestSessionEndTime), millis(latestSessionStartTime));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
            return single(key, Long.MIN_VALUE, Long.MAX_VALUE, true, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
            return single(key, Long.MIN_VALUE, Long.MAX_VALUE, false, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(@Nullable Bytes keyFrom, @Nullable Bytes keyTo) {
            return range(keyFrom, keyTo, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, true, isolation);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(@Nullable Bytes keyFrom, @Nullable Bytes keyTo) {
            return range(keyFrom, keyTo, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, false, isolation);
        }

        private static long millis(Instant instant) {
            return Objects.requireNonNull(instant, "time cannot be null").toEpochMilli();
        }
    }
}
