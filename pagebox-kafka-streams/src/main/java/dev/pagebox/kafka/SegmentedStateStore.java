/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.internals.WithRetentionPeriod;

/**
 * The {@link StateStore} methods that window and session stores share, delegated to their {@link SegmentedStore}.
 * Reporting the retention period ({@link WithRetentionPeriod}) lets Kafka Streams restore an empty store from the
 * changelog's records of the last retention period only, instead of from its start.
 */
abstract sealed class SegmentedStateStore extends PageboxStateStore implements WithRetentionPeriod
        permits PageboxWindowStore, PageboxSessionStore {
    final SegmentedStore store;

    SegmentedStateStore(SegmentedStore store) {
        super(store.core());
        this.store = store;
    }

    @Override
    public void init(StateStoreContext stateStoreContext, StateStore root) {
        store.init(stateStoreContext, root);
    }

    /** How long, in ms of stream time, an entry is kept after its segment time. */
    @Override
    public long retentionPeriod() {
        return store.retentionPeriod();
    }

    /** Writes the changelog offsets and the stream time (see {@link SegmentedStore#commit}). */
    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        store.commit(changelogOffsets);
    }

    /** Closes the store: closes its open iterators, drops staged writes, gives back its trees. */
    @Override
    public void close() {
        store.close();
    }

    /** The number of segment trees the store has (for tests). */
    int segmentCount() {
        return store.segments().count();
    }

    /** The restore callback Kafka Streams calls with batches of changelog records (see {@link SegmentedStore}). */
    void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
        store.restoreBatch(records);
    }
}
