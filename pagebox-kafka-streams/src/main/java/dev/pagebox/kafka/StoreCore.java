/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
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
import org.apache.kafka.streams.state.internals.StoreQueryUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every kind of Pagebox state store shares: the lease of its family of trees in the instance's shared
 * Pagebox, the mode chosen from the application's configuration, the dirty mark, the staged writes of the
 * transactional mode, the offsets, position and other bookkeeping written at commit and after each restored batch,
 * the open iterators, and closing. The stores ({@link PageboxKeyValueStore}, {@link PageboxWindowStore},
 * {@link PageboxSessionStore}) own their trees and key layouts and call in here.
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li><b>Transactional</b> ({@code enable.transactional.statestores=true}): writes are staged ({@link #staged()})
 *       and applied together with the offsets they reach in one atomic {@link WriteBatch} at commit
 *       ({@link StagedCommit}); a commit under way that is too large for one batch is fenced by an in-flight mark,
 *       and a family that opens with the mark set is emptied.
 *   <li><b>Write-through</b> (otherwise): writes go to the trees at once. Under exactly-once the first write after a
 *       commit marks the family dirty ({@link #beforeWrite}); a dirty family reopened under exactly-once is
 *       emptied, so Kafka Streams restores it from the changelog.
 * </ul>
 */
final class StoreCore {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCore.class);
    private static final String TRANSACTIONAL_CONFIG = StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG;
    private static final String CONSISTENCY_CONFIG = "__iq.consistency.offset.vector.enabled__";

    private final String name;
    private final PageboxStoreOptions options;
    private final TreeNames.Kind kind;
    private final Set<AutoCloseable> openIterators = ConcurrentHashMap.newKeySet();
    private final Position position = Position.emptyPosition();
    private final RestoreBuffer restoring = new RestoreBuffer();

    private volatile boolean open;
    private @Nullable StateStoreContext context;
    private @Nullable SharedPagebox shared;
    private @Nullable TreeMeta meta;
    private @Nullable StagedWrites staged;
    private boolean trackDirty;
    private boolean markedDirty;
    private boolean consistencyEnabled;
    private volatile boolean restorePending;

    StoreCore(String name, PageboxStoreOptions options, TreeNames.Kind kind) {
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
        this.kind = kind;
    }

    String name() {
        return name;
    }

    PageboxStoreOptions options() {
        return options;
    }

    /**
     * Opens the store: acquires the shared Pagebox, leases the family (dropping it if its task directory lost the
     * marker), empties it if a crash may have left it ahead of its offsets, loads the position, and chooses the
     * mode. The caller then opens its trees, and finally calls {@link #register}.
     *
     * @return the family's name
     */
    String open(StateStoreContext stateStoreContext) {
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
        String family = TreeNames.family(kind, name, stateStoreContext.taskId());
        boolean leased = false;
        try {
            acquired.lease(family, taskDirectory.resolve(TreeNames.markerFile(name)));
            leased = true;
            TreeMeta familyMeta = acquired.meta(family);
            if (familyMeta.inFlight() || (exactlyOnce && !transactional && familyMeta.dirty())) {
                LOG.warn(
                        "Pagebox store {} of task {} may hold writes past its committed offsets after a crash; "
                                + "emptying it so that it restores from the changelog",
                        name,
                        stateStoreContext.taskId());
                acquired.reset(family);
            }
            position.merge(familyMeta.position());
            StoreQueryUtils.maybeMigrateExistingPositionFile(stateStoreContext.stateDir(), name, position);
            this.context = stateStoreContext;
            this.shared = acquired;
            this.meta = familyMeta;
            this.staged = transactional ? new StagedWrites() : null;
            this.trackDirty = exactlyOnce && !transactional;
            this.markedDirty = false;
            this.consistencyEnabled = flag(configs, CONSISTENCY_CONFIG);
            return family;
        } catch (RuntimeException e) {
            if (leased) {
                acquired.release(family);
            }
            acquired.release();
            throw e;
        }
    }

    /** Registers the store and its restore callback with Kafka Streams; the store is open once this returns. */
    void register(StateStore root, RecordBatchingStateRestoreCallback restore) {
        context().register(root, restore);
        open = true;
    }

    /** Undoes {@link #open} when the store failed to open its trees. */
    void abandon() {
        restoreDropped();
        SharedPagebox acquired = shared;
        TreeMeta familyMeta = meta;
        shared = null;
        meta = null;
        if (acquired != null && familyMeta != null) {
            acquired.release(familyMeta.tree());
            acquired.release();
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

    boolean isOpen() {
        return open;
    }

    /** Throws {@link InvalidStateStoreException} unless the store is open. */
    void checkOpen() {
        if (!open) {
            throw notOpen();
        }
    }

    InvalidStateStoreException notOpen() {
        return new InvalidStateStoreException("Pagebox store " + name + " is not open");
    }

    SharedPagebox shared() {
        SharedPagebox acquired = shared;
        if (acquired == null) {
            throw notOpen();
        }
        return acquired;
    }

    Pagebox pagebox() {
        return shared().store();
    }

    TreeMeta meta() {
        TreeMeta familyMeta = meta;
        if (familyMeta == null) {
            throw notOpen();
        }
        return familyMeta;
    }

    StateStoreContext context() {
        StateStoreContext opened = context;
        if (opened == null) {
            throw notOpen();
        }
        return opened;
    }

    /** The staged writes in transactional mode, else null. */
    @Nullable
    StagedWrites staged() {
        return staged;
    }

    boolean consistencyEnabled() {
        return consistencyEnabled;
    }

    /** Under exactly-once in write-through mode, marks the family dirty before the first write after a commit. */
    void beforeWrite() {
        if (trackDirty && !markedDirty) {
            WriteBatch batch = new WriteBatch();
            meta().putDirty(batch, true);
            pagebox().write(batch, CommitMode.NONE);
            markedDirty = true;
        }
    }

    /** Moves the position to the record being processed, after a write. */
    void afterWrite() {
        synchronized (position) {
            StoreQueryUtils.updatePosition(position, context);
        }
    }

    /** Moves the position to a restored changelog record (checking its headers). */
    void restored(ConsumerRecord<byte[], byte[]> record) {
        synchronized (position) {
            ChangelogRecordDeserializationHelper.applyChecksAndUpdatePosition(record, consistencyEnabled, position);
        }
    }

    Position position() {
        return position;
    }

    /**
     * A failure of the engine ({@link dev.pagebox.PageboxException}) or a key or value it refuses
     * ({@link IllegalArgumentException}) as Kafka Streams expects it.
     */
    ProcessorStateException failure(String what, RuntimeException cause) {
        return new ProcessorStateException(
                "Pagebox store " + name + " failed to " + what + ": " + cause.getMessage(), cause);
    }

    /** The most bytes one atomic batch of the shared Pagebox may carry (see {@link SharedPagebox#batchBudget()}). */
    int batchBudget() {
        return shared().batchBudget();
    }

    CommitMode commitMode() {
        return options.commitMode();
    }

    /**
     * Commits: with staged writes, through {@link StagedCommit} (the placement says which tree each goes to), else
     * one batch of bookkeeping; either way with the offsets, the position, a clean status and the store's own
     * bookkeeping ({@code extra}).
     */
    void commit(
            Map<TopicPartition, Long> changelogOffsets,
            StagedCommit.@Nullable Placement placement,
            Consumer<WriteBatch> extra) {
        StagedWrites writes = staged;
        Consumer<WriteBatch> bookkeeping = batch -> addBookkeeping(batch, changelogOffsets, extra);
        if (writes != null && !writes.isEmpty() && placement != null) {
            new StagedCommit(pagebox(), meta(), batchBudget(), commitMode()).write(writes, placement, bookkeeping);
            writes.clear();
        } else {
            WriteBatch batch = new WriteBatch();
            bookkeeping.accept(batch);
            pagebox().write(batch, commitMode());
        }
        markedDirty = false;
    }

    private void addBookkeeping(WriteBatch batch, Map<TopicPartition, Long> offsets, Consumer<WriteBatch> extra) {
        TreeMeta familyMeta = meta();
        familyMeta.putOffsets(batch, offsets);
        synchronized (position) {
            familyMeta.putPosition(batch, position);
        }
        extra.accept(batch);
        if (trackDirty) {
            familyMeta.putDirty(batch, false);
        }
    }

    /**
     * Takes a batch of changelog records to restore into the buffer (see {@link RestoreBuffer}).
     *
     * @return whether the caller is to write the buffer now: the instance's stores hold
     *     {@link PageboxStoreOptions#restoreBufferSize()} or more
     */
    boolean buffer(Collection<ConsumerRecord<byte[], byte[]>> records) {
        long added = restoring.add(records);
        restorePending = !restoring.isEmpty();
        return shared().restoreBuffered(added) >= options.restoreBufferSize();
    }

    /** Whether restored records wait in the buffer: the store writes them before anything else. */
    boolean restorePending() {
        return restorePending;
    }

    RestoreBuffer restoreBuffer() {
        return restoring;
    }

    /**
     * After the store has written its buffered records: moves the position to them, records the offset of the last
     * one, the position and the store's own bookkeeping in one small batch, and empties the buffer. The log's
     * order means a crash may leave restored records past the recorded offset, never the offset past its records;
     * those are committed changelog records, which the next restoration writes again with the same result.
     */
    void restoreWritten(Consumer<WriteBatch> extra) {
        ConsumerRecord<byte[], byte[]> last = restoring.last();
        try {
            if (last == null) {
                return;
            }
            restoring.arrived().forEach(this::restored);
            TreeMeta familyMeta = meta();
            WriteBatch batch = new WriteBatch();
            familyMeta.putOffset(batch, new TopicPartition(last.topic(), last.partition()), last.offset());
            synchronized (position) {
                familyMeta.putPosition(batch, position);
            }
            extra.accept(batch);
            pagebox().write(batch, commitMode());
        } finally {
            restoreDropped();
        }
    }

    /** Empties the buffer without recording anything (the records restore again after a restart). */
    void restoreDropped() {
        SharedPagebox acquired = shared;
        if (acquired != null) {
            acquired.restoreBuffered(-restoring.bytes());
        }
        restoring.clear();
        restorePending = false;
    }

    /**
     * Whether a range's from key is greater than its to key, which Kafka's stores answer with an empty iterator and a
     * warning (the serde may not keep the keys' order); null bounds are open.
     */
    boolean inverted(byte @Nullable [] from, byte @Nullable [] to) {
        if (from == null || to == null || Arrays.compareUnsigned(from, to) <= 0) {
            return false;
        }
        LOG.warn(
                "Returning an empty iterator for a range of Pagebox store {} whose from key is greater than its to "
                        + "key; the serde may not keep the keys' order",
                name);
        return true;
    }

    /** Tracks an open iterator, so that closing the store closes it. */
    void opened(AutoCloseable iterator) {
        openIterators.add(iterator);
    }

    /** Forgets an iterator that closed itself. */
    void closed(AutoCloseable iterator) {
        openIterators.remove(iterator);
    }

    /** Iterators opened and not yet closed (for tests of leaks). */
    int openIterators() {
        return openIterators.size();
    }

    <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config, StateStore store) {
        return StoreQueryUtils.handleBasicQueries(query, positionBound, config, store, position, context);
    }

    /**
     * Closes: closes the iterators left open, drops staged writes (transactional mode) or writes the store's own
     * bookkeeping ({@code extra}, write-through mode, without a sync), and gives back the family and the shared
     * Pagebox.
     */
    void close(Consumer<WriteBatch> extra) {
        if (!open) {
            return;
        }
        open = false;
        SharedPagebox acquired = shared;
        try {
            List<AutoCloseable> leftOpen = new ArrayList<>(openIterators);
            if (!leftOpen.isEmpty()) {
                LOG.warn("Closing {} open iterators of Pagebox store {}", leftOpen.size(), name);
                leftOpen.forEach(StoreCore::closeQuietly);
                openIterators.clear();
            }
            StagedWrites writes = staged;
            if (writes != null) {
                writes.clear();
            } else if (acquired != null && acquired.store().isHealthy()) {
                WriteBatch batch = new WriteBatch();
                extra.accept(batch);
                if (batch.size() > 0) {
                    acquired.store().write(batch, CommitMode.NONE);
                }
            }
        } finally {
            abandon();
        }
    }

    private static void closeQuietly(AutoCloseable iterator) {
        try {
            iterator.close();
        } catch (Exception e) {
            LOG.debug("Closing an iterator failed", e);
        }
    }
}
