/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxException;
import dev.pagebox.PageboxTree;
import dev.pagebox.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.ChangelogRecordDeserializationHelper;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StoreQueryUtils;
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
 * Restoration writes the records of each batch as they come, then the offset of its last record (see
 * {@link #restoreBatch}): restored records are committed changelog records, so writing them again converges.
 * Commits and restored batches use {@link PageboxStoreOptions#commitMode()} ({@code RELAXED} by default: no caller
 * waits for a sync), data writes between commits {@link CommitMode#NONE}: the changelog is the source of truth, and
 * the log's order means a crash rolls the store back to an earlier consistent point at worst.
 *
 * <h2>Threads</h2>
 * One stream thread writes; interactive queries may read from other threads at the same time.
 */
public final class PageboxKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(PageboxKeyValueStore.class);
    private static final String TRANSACTIONAL_CONFIG = StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG;
    private static final String CONSISTENCY_CONFIG = "__iq.consistency.offset.vector.enabled__";

    private final String name;
    private final PageboxStoreOptions options;
    private final Set<TreeIterator> openIterators = ConcurrentHashMap.newKeySet();
    private final Position position = Position.emptyPosition();
    private final AtomicLong entries = new AtomicLong();

    private volatile boolean open;
    private @Nullable StateStoreContext context;
    private @Nullable SharedPagebox shared;
    private @Nullable PageboxTree tree;
    private @Nullable TreeMeta meta;
    private @Nullable StagedWrites staged;
    private boolean trackDirty;
    private boolean markedDirty;
    private boolean consistencyEnabled;

    /**
     * A store, not yet opened; Kafka Streams opens it through {@link #init}.
     *
     * @param name the store's name
     * @param options how the instance's Pagebox is opened and commits are made
     */
    public PageboxKeyValueStore(String name, PageboxStoreOptions options) {
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void init(StateStoreContext stateStoreContext, StateStore root) {
        if (open) {
            throw new IllegalStateException("Pagebox store " + name + " is already open");
        }
        Map<String, Object> configs = stateStoreContext.appConfigs();
        boolean exactlyOnce =
                StreamsConfig.EXACTLY_ONCE_V2.equals(configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        boolean transactional = flag(configs, TRANSACTIONAL_CONFIG);
        Path taskDirectory = stateStoreContext.stateDir().toPath();
        Path directory = options.directory() != null
                ? options.directory()
                : applicationDirectory(taskDirectory).resolve("pagebox");
        SharedPagebox acquired = SharedPagebox.acquire(directory, options);
        String treeName = TreeNames.tree(name, stateStoreContext.taskId());
        boolean leased = false;
        try {
            PageboxTree opened = acquired.openTree(treeName, taskDirectory.resolve(TreeNames.markerFile(name)));
            leased = true;
            TreeMeta treeMeta = acquired.meta(treeName);
            if (treeMeta.inFlight() || (exactlyOnce && !transactional && treeMeta.dirty())) {
                LOG.warn(
                        "Pagebox store {} of task {} may hold writes past its committed offsets after a crash; "
                                + "emptying it so that it restores from the changelog",
                        name,
                        stateStoreContext.taskId());
                opened = acquired.resetTree(treeName);
            }
            position.merge(treeMeta.position());
            StoreQueryUtils.maybeMigrateExistingPositionFile(stateStoreContext.stateDir(), name, position);
            entries.set(treeMeta.entries());
            this.context = stateStoreContext;
            this.shared = acquired;
            this.tree = opened;
            this.meta = treeMeta;
            this.staged = transactional ? new StagedWrites() : null;
            this.trackDirty = exactlyOnce && !transactional;
            this.markedDirty = false;
            this.consistencyEnabled = flag(configs, CONSISTENCY_CONFIG);
            stateStoreContext.register(root, (RecordBatchingStateRestoreCallback) this::restoreBatch);
            open = true;
        } catch (RuntimeException e) {
            if (leased) {
                acquired.releaseTree(treeName);
            }
            acquired.release();
            throw e;
        }
    }

    private static boolean flag(Map<String, Object> configs, String key) {
        Object value = configs.get(key);
        return value instanceof Boolean bool ? bool : value != null && Boolean.parseBoolean(value.toString());
    }

    /** {@code <state.dir>/<application.id>}: above the task directory (and a named topology's directory). */
    static Path applicationDirectory(Path taskDirectory) {
        Path parent = taskDirectory.toAbsolutePath().getParent();
        String parentName = parent.getFileName().toString();
        if (parentName.startsWith("__") && parentName.endsWith("__") && parentName.length() > 4) {
            return parent.getParent();
        }
        return parent;
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private PageboxTree tree() {
        PageboxTree opened = tree;
        if (!open || opened == null) {
            throw new InvalidStateStoreException("Pagebox store " + name + " is not open");
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
        StagedWrites writes = staged;
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
        StagedWrites writes = staged;
        try {
            if (writes != null) {
                writes.put(key, value);
            } else {
                if (trackDirty && !markedDirty) {
                    WriteBatch batch = new WriteBatch();
                    meta().putDirty(batch, true);
                    pagebox().write(batch, CommitMode.NONE);
                    markedDirty = true;
                }
                if (value == null) {
                    if (opened.delete(key.get(), CommitMode.NONE)) {
                        entries.decrementAndGet();
                    }
                } else if (!opened.put(key.get(), value, CommitMode.NONE)) {
                    entries.incrementAndGet();
                }
            }
        } catch (IllegalArgumentException | PageboxException e) {
            throw new ProcessorStateException("Pagebox store " + name + " failed to write a key: " + e.getMessage(), e);
        }
        synchronized (position) {
            StoreQueryUtils.updatePosition(position, context);
        }
    }

    private TreeMeta meta() {
        TreeMeta treeMeta = meta;
        if (treeMeta == null) {
            throw new InvalidStateStoreException("Pagebox store " + name + " is not open");
        }
        return treeMeta;
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
        if (bounds.empty()) {
            LOG.warn(
                    "Returning an empty iterator for a range of Pagebox store {} whose from key is greater than its "
                            + "to key; the serde may not keep the keys' order",
                    name);
            return new EmptyIterator();
        }
        TreeIterator committed = new TreeIterator(name, opened.cursor(), bounds, forward, openIterators::remove);
        openIterators.add(committed);
        StagedWrites writes = staged;
        if (writes != null && isolation == IsolationLevel.READ_UNCOMMITTED) {
            return new MergingIterator(writes.iterator(bounds, forward), committed, forward);
        }
        return committed;
    }

    /** Iterators opened and not yet closed (for tests of leaks). */
    int openIterators() {
        return openIterators.size();
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

    @Override
    public long approximateNumUncommittedBytes() {
        StagedWrites writes = staged;
        return writes == null ? 0 : writes.bytes();
    }

    /** Does nothing: Kafka Streams 4.4 commits through {@link #commit}; durability comes from the changelog. */
    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public void flush() {}

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return true;
    }

    @Override
    public @Nullable Long committedOffset(TopicPartition partition) {
        tree();
        return meta().offset(partition);
    }

    /**
     * Writes the changelog offsets, with the staged writes they cover in transactional mode, atomically; a null
     * offset removes a partition's, an empty map all of them.
     */
    @Override
    public synchronized void commit(Map<TopicPartition, Long> changelogOffsets) {
        if (!open) {
            return;
        }
        PageboxTree opened = tree();
        StagedWrites writes = staged;
        try {
            if (writes != null && !writes.isEmpty()) {
                long estimate =
                        new StagedCommit(pagebox(), opened, batchBudget()).write(writes, changelogOffsets, this);
                writes.clear();
                entries.set(estimate);
            } else {
                WriteBatch batch = new WriteBatch();
                addBookkeeping(batch, changelogOffsets, entries.get());
                pagebox().write(batch, options.commitMode());
            }
            markedDirty = false;
        } catch (IllegalArgumentException | PageboxException e) {
            throw new ProcessorStateException("Pagebox store " + name + " failed to commit: " + e.getMessage(), e);
        }
    }

    /** Adds the offsets, the position, the estimate and a clean status to a commit's batch. */
    void addBookkeeping(WriteBatch batch, Map<TopicPartition, Long> offsets, long estimate) {
        TreeMeta treeMeta = meta();
        treeMeta.putOffsets(batch, offsets);
        synchronized (position) {
            treeMeta.putPosition(batch, position);
        }
        treeMeta.putEntries(batch, Math.max(0, estimate));
        if (trackDirty) {
            treeMeta.putDirty(batch, false);
        }
    }

    CommitMode commitMode() {
        return options.commitMode();
    }

    private SharedPagebox shared() {
        SharedPagebox acquired = shared;
        if (acquired == null) {
            throw new InvalidStateStoreException("Pagebox store " + name + " is not open");
        }
        return acquired;
    }

    private dev.pagebox.Pagebox pagebox() {
        return shared().store();
    }

    private int batchBudget() {
        return shared().batchBudget();
    }

    /**
     * Restores a batch of changelog records: puts and deletes go to the tree as they come, then one small atomic
     * batch records the offset of the last record, the position and the estimate. The log's order means a crash
     * may leave restored records past the recorded offset, never the offset past its records; those records are
     * committed changelog records, which the next restoration writes again with the same result.
     */
    synchronized void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
        PageboxTree opened = tree();
        ConsumerRecord<byte[], byte[]> last = null;
        long delta = 0;
        try {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                synchronized (position) {
                    ChangelogRecordDeserializationHelper.applyChecksAndUpdatePosition(
                            record, consistencyEnabled, position);
                }
                byte[] value = record.value();
                if (value == null) {
                    if (opened.delete(record.key(), CommitMode.NONE)) {
                        delta--;
                    }
                } else if (!opened.put(record.key(), value, CommitMode.NONE)) {
                    delta++;
                }
                last = record;
            }
            if (last != null) {
                TreeMeta treeMeta = meta();
                WriteBatch batch = new WriteBatch();
                treeMeta.putOffset(batch, new TopicPartition(last.topic(), last.partition()), last.offset());
                synchronized (position) {
                    treeMeta.putPosition(batch, position);
                }
                treeMeta.putEntries(batch, Math.max(0, entries.addAndGet(delta)));
                pagebox().write(batch, options.commitMode());
            }
        } catch (IllegalArgumentException | PageboxException e) {
            throw new ProcessorStateException("Pagebox store " + name + " failed to restore: " + e.getMessage(), e);
        }
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return StoreQueryUtils.handleBasicQueries(query, positionBound, config, this, position, context);
    }

    @Override
    public Position getPosition() {
        return position;
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
        if (!open) {
            return;
        }
        open = false;
        SharedPagebox acquired = shared;
        PageboxTree opened = tree;
        try {
            List<TreeIterator> leftOpen = new ArrayList<>(openIterators);
            if (!leftOpen.isEmpty()) {
                LOG.warn("Closing {} open iterators of Pagebox store {}", leftOpen.size(), name);
                leftOpen.forEach(TreeIterator::close);
            }
            StagedWrites writes = staged;
            if (writes != null) {
                writes.clear();
            } else if (opened != null && acquired != null && acquired.store().isHealthy()) {
                WriteBatch batch = new WriteBatch();
                meta().putEntries(batch, Math.max(0, entries.get()));
                acquired.store().write(batch, CommitMode.NONE);
            }
        } finally {
            tree = null;
            shared = null;
            if (acquired != null) {
                acquired.releaseTree(meta().tree());
                acquired.release();
            }
            meta = null;
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

    /** The iterator of an empty range. */
    private final class EmptyIterator implements KeyValueIterator<Bytes, byte[]> {
        private boolean closed;

        @Override
        public boolean hasNext() {
            if (closed) {
                throw new InvalidStateStoreException("an iterator of Pagebox store " + name + " was closed");
            }
            return false;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            hasNext();
            throw new NoSuchElementException("an empty range");
        }

        @Override
        public Bytes peekNextKey() {
            hasNext();
            throw new NoSuchElementException("an empty range");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
