/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxException;
import dev.pagebox.PageboxTree;
import dev.pagebox.WriteBatch;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams key-value store of bytes held in one tree of the application instance's shared {@link
 * dev.pagebox.Pagebox}. Made by {@link PageboxStores}; Kafka Streams wraps it in its logging, caching and metering
 * layers as it does RocksDB.
 *
 * <h2>Offsets and crashes (KIP-1035)</h2>
 * The store manages its changelog offsets: {@link #commit} writes them, the store's {@link Position} and its entry
 * estimate into the shared meta tree. What the tree may hold beyond those offsets after a crash depends on the
 * mode, chosen from the application's configuration:
 * <ul>
 *   <li><b>Transactional</b> ({@code enable.transactional.statestores=true}): writes are staged in memory and
 *       applied together with the offsets they reach in one atomic {@link WriteBatch} at commit, so the tree never
 *       holds data past its offsets; a crash loses only the staged writes, which Kafka Streams processes again.
 *       A commit too large for one batch is written in several, fenced by an in-flight mark; a crash in the middle
 *       of one empties the tree when it next opens, so it restores from the changelog.
 *   <li><b>Write-through</b> (otherwise, as RocksDB): writes go to the tree at once. Under exactly-once the first
 *       write after a commit marks the tree dirty, atomically with nothing else and ahead of the data in the log;
 *       a dirty tree reopened under exactly-once is emptied and reports no offsets, so Kafka Streams restores it.
 *       Under at-least-once data past the offsets is allowed: restoring replays those records again.
 * </ul>
 * Restoration buffers changelog records and writes them in key order, many at a time, then the offset of the last
 * one (see {@link #restoreBatch}): restored records are committed changelog records, so writing them again
 * converges.
 * Commits and restored batches use {@link PageboxStoreOptions#commitMode()} ({@code RELAXED} by default: no caller
 * waits for a sync), data writes between commits {@link CommitMode#NONE}: the changelog is the source of truth, and
 * the log's order means a crash rolls the store back to an earlier consistent point at worst.
 *
 * <h2>Threads</h2>
 * One stream thread writes; interactive queries may read from other threads at the same time.
 */
public final class PageboxKeyValueStore extends PageboxStateStore implements KeyValueStore<Bytes, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(PageboxKeyValueStore.class);
    private final AtomicLong entries = new AtomicLong();
    private volatile @Nullable PageboxTree tree;

    /**
     * A store, not yet opened; Kafka Streams opens it through {@link #init}.
     *
     * @param name the store's name
     * @param options how the instance's Pagebox is opened and commits are made
     */
    public PageboxKeyValueStore(String name, PageboxStoreOptions options) {
        super(new StoreCore(name, options, TreeNames.Kind.KEY_VALUE));
    }

    @Override
    public synchronized void init(StateStoreContext stateStoreContext, StateStore root) {
        String family = core.open(stateStoreContext);
        try {
            tree = core.pagebox().tree(family);
            entries.set(core.meta().entries());
            core.register(root, (RecordBatchingStateRestoreCallback) this::restoreBatch);
        } catch (RuntimeException e) {
            tree = null;
            core.abandon();
            throw e;
        }
    }

    /** The tree, once the records waiting for restoration are in it; throws if the store is not open. */
    private PageboxTree tree() {
        PageboxTree opened = openTree();
        if (core.restorePending()) {
            writeRestored();
        }
        return opened;
    }

    private PageboxTree openTree() {
        PageboxTree opened = tree;
        if (!core.isOpen() || opened == null) {
            throw core.notOpen();
        }
        return opened;
    }

    @Override
    public byte @Nullable [] get(Bytes key) {
        return get(key, IsolationLevel.READ_UNCOMMITTED);
    }

    private byte @Nullable [] get(Bytes key, IsolationLevel isolation) {
        Objects.requireNonNull(key, "key cannot be null");
        PageboxTree opened = tree();
        StagedWrites writes = core.staged();
        if (writes != null && isolation == IsolationLevel.READ_UNCOMMITTED) {
            byte[] value = writes.get(key);
            if (value != null) {
                return value == StagedWrites.TOMBSTONE ? null : value;
            }
        }
        return opened.get(key.get());
    }

    @Override
    public void put(Bytes key, byte @Nullable [] value) {
        Objects.requireNonNull(key, "key cannot be null");
        write(key, value);
    }

    @Override
    public byte @Nullable [] putIfAbsent(Bytes key, byte @Nullable [] value) {
        Objects.requireNonNull(key, "key cannot be null");
        byte[] current = get(key);
        if (current == null && value != null) {
            write(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> list) {
        Objects.requireNonNull(list, "entries cannot be null");
        for (KeyValue<Bytes, byte[]> entry : list) {
            Objects.requireNonNull(entry, "entry cannot be null");
            Objects.requireNonNull(entry.key, "key cannot be null");
        }
        for (KeyValue<Bytes, byte[]> entry : list) {
            write(entry.key, entry.value);
        }
    }

    @Override
    public byte @Nullable [] delete(Bytes key) {
        Objects.requireNonNull(key, "key cannot be null");
        byte[] current = get(key);
        if (current != null) {
            write(key, null);
        }
        return current;
    }

    private void write(Bytes key, byte @Nullable [] value) {
        PageboxTree opened = tree();
        StagedWrites writes = core.staged();
        try {
            if (writes != null) {
                writes.put(key, value);
            } else {
                core.beforeWrite();
                if (value == null) {
                    if (opened.delete(key.get(), CommitMode.NONE)) {
                        entries.decrementAndGet();
                    }
                } else if (!opened.put(key.get(), value, CommitMode.NONE)) {
                    entries.incrementAndGet();
                }
            }
        } catch (IllegalArgumentException | PageboxException e) {
            throw core.failure("write a key", e);
        }
        core.afterWrite();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(@Nullable Bytes from, @Nullable Bytes to) {
        return iterator(KeyBounds.range(bytes(from), bytes(to)), true, IsolationLevel.READ_UNCOMMITTED);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(@Nullable Bytes from, @Nullable Bytes to) {
        return iterator(KeyBounds.range(bytes(from), bytes(to)), false, IsolationLevel.READ_UNCOMMITTED);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return iterator(KeyBounds.ALL, true, IsolationLevel.READ_UNCOMMITTED);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return iterator(KeyBounds.ALL, false, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * Every entry whose key starts with the serialized prefix, in order; unlike Kafka's own stores, exactly those
     * for every prefix (one ending in {@code 0xFF}, all {@code 0xFF}, or empty).
     */
    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, "prefix cannot be null");
        Objects.requireNonNull(prefixKeySerializer, "prefixKeySerializer cannot be null");
        byte[] serialized = prefixKeySerializer.serialize(null, prefix);
        return iterator(KeyBounds.prefix(serialized), true, IsolationLevel.READ_UNCOMMITTED);
    }

    private static byte @Nullable [] bytes(@Nullable Bytes key) {
        return key == null ? null : key.get();
    }

    private KeyValueIterator<Bytes, byte[]> iterator(KeyBounds bounds, boolean forward, IsolationLevel isolation) {
        PageboxTree opened = tree();
        if (core.inverted(bounds.lower(), bounds.upper())) {
            return new EmptyIterator<>(name());
        }
        TreeIterator committed = new TreeIterator(name(), opened.cursor(), bounds, forward, core::closed);
        core.opened(committed);
        StagedWrites writes = core.staged();
        if (writes != null && isolation == IsolationLevel.READ_UNCOMMITTED) {
            return new MergingIterator(writes.iterator(bounds, forward), committed, forward);
        }
        return committed;
    }

    /**
     * An estimate, read from a counter (no tree walk): exact for writes made through the store, counting each
     * restored put as new; persisted at every commit.
     */
    @Override
    public long approximateNumEntries() {
        tree();
        return Math.max(0, entries.get());
    }

    /**
     * Writes the changelog offsets, with the staged writes they cover in transactional mode, atomically; a null
     * offset removes a partition's, an empty map all of them.
     */
    @Override
    public synchronized void commit(Map<TopicPartition, Long> changelogOffsets) {
        if (!core.isOpen()) {
            return;
        }
        PageboxTree opened = tree();
        try {
            long estimate = stagedEstimate(opened);
            core.commit(
                    changelogOffsets,
                    stagedKey -> new StagedCommit.Target(opened, stagedKey.get()),
                    batch -> core.meta().putEntries(batch, Math.max(0, estimate)));
            entries.set(estimate);
        } catch (IllegalArgumentException | PageboxException e) {
            throw core.failure("commit", e);
        }
    }

    /** The entry estimate once the staged writes are committed. */
    private long stagedEstimate(PageboxTree opened) {
        long estimate = entries.get();
        StagedWrites writes = core.staged();
        if (writes == null) {
            return estimate;
        }
        for (Map.Entry<Bytes, byte[]> write : writes.entries()) {
            boolean present = opened.contains(write.getKey().get());
            boolean delete = write.getValue() == StagedWrites.TOMBSTONE;
            if (delete && present) {
                estimate--;
            } else if (!delete && !present) {
                estimate++;
            }
        }
        return estimate;
    }

    /**
     * Restores a batch of changelog records: they wait in the restore buffer ({@link RestoreBuffer}) until the
     * instance's stores hold {@link PageboxStoreOptions#restoreBufferSize()}, or until anything else is asked of the
     * store (a read, a write, a commit, closing), and are then written in key order, the last record of each key
     * only; then one small atomic batch records the offset of the last record, the position and the estimate (see
     * {@link StoreCore#restoreWritten}).
     */
    synchronized void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
        openTree();
        if (core.buffer(records)) {
            writeRestored();
        }
    }

    private synchronized void writeRestored() {
        PageboxTree opened = openTree();
        if (!core.restorePending()) {
            return;
        }
        long[] delta = {0};
        boolean written = false;
        try {
            core.restoreBuffer().forEachLatestInKeyOrder(record -> {
                byte[] value = record.value();
                if (value == null) {
                    if (opened.delete(record.key(), CommitMode.NONE)) {
                        delta[0]--;
                    }
                } else if (!opened.put(record.key(), value, CommitMode.NONE)) {
                    delta[0]++;
                }
            });
            long estimate = Math.max(0, entries.addAndGet(delta[0]));
            core.restoreWritten(batch -> core.meta().putEntries(batch, estimate));
            written = true;
        } catch (IllegalArgumentException | PageboxException e) {
            throw core.failure("restore", e);
        } finally {
            if (!written) {
                core.restoreDropped();
            }
        }
    }

    @Override
    public ReadOnlyKeyValueStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
        Objects.requireNonNull(isolationLevel, "isolationLevel cannot be null");
        tree();
        return new ReadOnlyView(isolationLevel);
    }

    /**
     * Closes the store: closes the iterators left open, drops staged writes (transactional mode), records the entry
     * estimate (write-through mode), and gives back the tree and the shared Pagebox.
     */
    @Override
    public synchronized void close() {
        try {
            writeRestoredQuietly();
            core.close(batch -> core.meta().putEntries(batch, Math.max(0, entries.get())));
        } finally {
            tree = null;
        }
    }

    /** Writes what waits in the restore buffer before closing; on failure, it restores again after a restart. */
    private void writeRestoredQuietly() {
        if (core.isOpen() && core.restorePending() && core.pagebox().isHealthy()) {
            try {
                writeRestored();
            } catch (RuntimeException e) {
                LOG.warn("Pagebox store {} could not write its last restored records; they restore again", name(), e);
            }
        }
    }

    /** A view for {@link #readOnly}: {@code READ_COMMITTED} skips a transactional store's staged writes. */
    private final class ReadOnlyView implements ReadOnlyKeyValueStore<Bytes, byte[]> {
        private final IsolationLevel isolation;

        ReadOnlyView(IsolationLevel isolation) {
            this.isolation = isolation;
        }

        @Override
        public byte @Nullable [] get(Bytes key) {
            return PageboxKeyValueStore.this.get(key, isolation);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(@Nullable Bytes from, @Nullable Bytes to) {
            return iterator(KeyBounds.range(bytes(from), bytes(to)), true, isolation);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(@Nullable Bytes from, @Nullable Bytes to) {
            return iterator(KeyBounds.range(bytes(from), bytes(to)), false, isolation);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return iterator(KeyBounds.ALL, true, isolation);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return iterator(KeyBounds.ALL, false, isolation);
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(
                P prefix, PS prefixKeySerializer) {
            Objects.requireNonNull(prefix, "prefix cannot be null");
            Objects.requireNonNull(prefixKeySerializer, "prefixKeySerializer cannot be null");
            return iterator(KeyBounds.prefix(prefixKeySerializer.serialize(null, prefix)), true, isolation);
        }

        @Override
        public long approximateNumEntries() {
            return PageboxKeyValueStore.this.approximateNumEntries();
        }
    }
}
