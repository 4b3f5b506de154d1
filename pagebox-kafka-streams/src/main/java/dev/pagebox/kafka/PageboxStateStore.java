/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.jspecify.annotations.Nullable;

/**
 * The {@link StateStore} methods that every kind of Pagebox store answers the same way, from its {@link StoreCore}:
 * persistent, managing its own offsets (KIP-1035), a {@code flush} that does nothing, positions and interactive
 * queries. The kinds ({@link PageboxKeyValueStore}, {@link PageboxWindowStore}, {@link PageboxSessionStore}) add
 * their own data methods, opening, commits and closing.
 */
abstract sealed class PageboxStateStore implements StateStore permits PageboxKeyValueStore, SegmentedStateStore {
    final StoreCore core;

    PageboxStateStore(StoreCore core) {
        this.core = core;
    }

    @Override
    public String name() {
        return core.name();
    }

    /** True: the store survives restarts, so the DSL wraps it as it wraps RocksDB. */
    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return core.isOpen();
    }

    /** Does nothing: Kafka Streams 4.4 commits through {@code commit}; durability comes from the changelog. */
    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public void flush() {}

    /** True: the store writes its changelog offsets itself, atomically with the data they cover (KIP-1035). */
    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return true;
    }

    @Override
    public @Nullable Long committedOffset(TopicPartition partition) {
        core.checkOpen();
        return core.meta().offset(partition);
    }

    /** The bytes of writes staged since the last commit (transactional mode), so Kafka Streams can commit early. */
    @Override
    public long approximateNumUncommittedBytes() {
        StagedWrites writes = core.staged();
        return writes == null ? 0 : writes.bytes();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return core.query(query, positionBound, config, this);
    }

    @Override
    public Position getPosition() {
        return core.position();
    }

    /** Iterators opened and not yet closed (for tests of leaks). */
    int openIterators() {
        return core.openIterators();
    }
}
