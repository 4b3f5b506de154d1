/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxException;
import dev.pagebox.PageboxTree;
import dev.pagebox.WriteBatch;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a window or session store that does not depend on its key layout: time segments ({@link Segments}),
 * the observed stream time and retention, writes (staged or through), reads merged with staged writes, commits,
 * restoration and closing. Keys here are the store's raw keys, exactly the changelog's keys, whose segment time
 * (a window's start, a session's end) {@code segmentTime} extracts.
 *
 * <h2>Retention</h2>
 * The observed stream time is the greatest segment time written (or restored). A time is expired once it is at or
 * before {@code streamTime - retentionPeriod}: writes to it are skipped and reads filter it out, as in Kafka's
 * stores. Segments whose every time has expired are dropped whole, after each commit and each restored batch
 * (never between commits, so a crash cannot lose entries that the committed offsets and stream time still cover).
 * The stream time is part of the bookkeeping written with the offsets.
 */
final class SegmentedStore {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentedStore.class);

    private final StoreCore core;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final ToLongFunction<byte[]> segmentTime;
    private volatile @Nullable Segments segments;
    private volatile long observedStreamTime = ConsumerRecord.NO_TIMESTAMP;

    SegmentedStore(StoreCore core, long retentionPeriod, long segmentInterval, ToLongFunction<byte[]> segmentTime) {
        if (retentionPeriod < 0) {
            throw new IllegalArgumentException("retentionPeriod is " + retentionPeriod + " but must not be negative");
        }
        if (segmentInterval < 1) {
            throw new IllegalArgumentException("segmentInterval is " + segmentInterval + " but must be at least 1");
        }
        this.core = core;
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        this.segmentTime = segmentTime;
    }

    StoreCore core() {
        return core;
    }

    long retentionPeriod() {
        return retentionPeriod;
    }

    /** Opens the store (see {@link StoreCore#open}) and its segment trees, and registers its restore callback. */
    synchronized void init(StateStoreContext context, StateStore root) {
        String family = core.open(context);
        try {
            TreeMeta meta = core.meta();
            Long interval = meta.segmentInterval();
            List<String> trees = core.shared().treesOf(family);
            if (interval != null && interval != segmentInterval && !trees.isEmpty()) {
                LOG.warn(
                        "Pagebox store {} of task {} was written with segments of {} ms and now has {} ms; "
                                + "emptying it so that it restores from the changelog",
                        core.name(),
                        context.taskId(),
                        interval,
                        segmentInterval);
                core.shared().reset(family);
                trees = List.of();
            }
            if (interval == null || interval != segmentInterval) {
                WriteBatch batch = new WriteBatch();
                meta.putSegmentInterval(batch, segmentInterval);
                core.pagebox().write(batch, CommitMode.NONE); // durable before any segment tree (a STRICT create)
            }
            observedStreamTime = meta.streamTime(ConsumerRecord.NO_TIMESTAMP);
            segments = new Segments(core.pagebox(), family, segmentInterval, trees);
            core.register(root, (RecordBatchingStateRestoreCallback) this::restoreBatch);
        } catch (RuntimeException e) {
            segments = null;
            core.abandon();
            throw e;
        }
    }

    /** The segments, once the records waiting for restoration are in them; throws if the store is not open. */
    Segments segments() {
        Segments open = openSegments();
        if (core.restorePending()) {
            writeRestored();
        }
        return open;
    }

    private Segments openSegments() {
        Segments open = segments;
        if (!core.isOpen() || open == null) {
            throw core.notOpen();
        }
        return open;
    }

    long observedStreamTime() {
        return observedStreamTime;
    }

    /** The earliest time not yet expired. */
    long minLiveTime() {
        return observedStreamTime - retentionPeriod + 1;
    }

    /** Whether a time has expired. */
    boolean expired(long time) {
        return time <= observedStreamTime - retentionPeriod;
    }

    /**
     * Moves the stream time to a segment time about to be written and says whether that time is live: a write to an
     * expired time is to be skipped (with {@link #skipped}), as Kafka's stores skip it.
     */
    boolean advance(long time) {
        segments();
        observedStreamTime = Math.max(observedStreamTime, time);
        if (expired(time)) {
            LOG.debug("Pagebox store {} skips a write to an expired segment (time {})", core.name(), time);
            return false;
        }
        return true;
    }

    /** Accounts for a write that {@link #advance} or the store's own rules skipped. */
    void skipped() {
        core.afterWrite();
    }

    /** Writes a raw key (a delete when {@code value} is null) without looking at the stream time. */
    void write(byte[] rawKey, long time, byte @Nullable [] value) {
        Segments open = segments();
        long segmentId = open.segmentId(time);
        StagedWrites writes = core.staged();
        try {
            if (writes != null) {
                writes.put(Bytes.wrap(stagedKey(segmentId, rawKey)), value);
            } else {
                core.beforeWrite();
                if (value != null) {
                    open.create(segmentId).put(rawKey, value, CommitMode.NONE);
                } else {
                    PageboxTree tree = open.tree(segmentId);
                    if (tree != null) {
                        tree.delete(rawKey, CommitMode.NONE);
                    }
                }
            }
        } catch (IllegalArgumentException | PageboxException e) {
            throw core.failure("write a key", e);
        }
        core.afterWrite();
    }

    private static byte[] stagedKey(long segmentId, byte[] rawKey) {
        byte[] prefix = SegmentIterator.stagedPrefix(segmentId);
        byte[] key = Arrays.copyOf(prefix, prefix.length + rawKey.length);
        System.arraycopy(rawKey, 0, key, prefix.length, rawKey.length);
        return key;
    }

    /** The value of a raw key at a segment time, or null (also once the time has expired). */
    byte @Nullable [] get(byte[] rawKey, long time, IsolationLevel isolation) {
        Segments open = segments();
        if (expired(time)) {
            return null;
        }
        long segmentId = open.segmentId(time);
        StagedWrites writes = core.staged();
        if (writes != null && isolation == IsolationLevel.READ_UNCOMMITTED) {
            byte[] value = writes.get(Bytes.wrap(stagedKey(segmentId, rawKey)));
            if (value != null) {
                return value == StagedWrites.TOMBSTONE ? null : value;
            }
        }
        PageboxTree tree = open.tree(segmentId);
        try {
            return tree == null ? null : tree.get(rawKey);
        } catch (PageboxClosedException e) {
            return null; // the segment expired and was dropped meanwhile
        }
    }

    /**
     * The raw entries with segment times in {@code [timeFrom, timeTo]} (and not expired) within the key bounds that
     * {@code accept} takes, segment by segment (see {@link SegmentIterator}).
     */
    KeyValueIterator<Bytes, byte[]> iterator(
            long timeFrom,
            long timeTo,
            KeyBounds bounds,
            Predicate<byte[]> accept,
            boolean forward,
            IsolationLevel isolation) {
        Segments open = segments();
        long minLive = minLiveTime();
        long from = Math.max(timeFrom, minLive);
        if (from > timeTo || bounds.empty()) {
            return new EmptyIterator<>(core.name());
        }
        StagedWrites writes = isolation == IsolationLevel.READ_UNCOMMITTED ? core.staged() : null;
        SegmentIterator iterator = new SegmentIterator(
                core.name(),
                open,
                writes,
                open.segmentId(from),
                open.segmentId(timeTo),
                bounds,
                raw -> segmentTime.applyAsLong(raw) >= minLive && accept.test(raw),
                forward,
                core::closed);
        core.opened(iterator);
        return iterator;
    }

    /**
     * Commits the offsets and the stream time, with the staged writes in transactional mode (those of segments that
     * expired meanwhile are dropped), then drops the segments that have expired.
     */
    synchronized void commit(Map<TopicPartition, Long> changelogOffsets) {
        if (!core.isOpen()) {
            return;
        }
        Segments open = segments();
        long streamTime = observedStreamTime;
        long minLive = minLiveTime();
        long firstLive = minLive > 0 ? open.segmentId(minLive) : Long.MIN_VALUE;
        try {
            core.commit(
                    changelogOffsets,
                    stagedKey -> {
                        byte[] key = stagedKey.get();
                        long segmentId = SegmentIterator.stagedSegment(key);
                        return segmentId < firstLive
                                ? null // the whole segment expired: its tree is dropped below
                                : new StagedCommit.Target(
                                        open.create(segmentId), Arrays.copyOfRange(key, Long.BYTES, key.length));
                    },
                    batch -> core.meta().putStreamTime(batch, streamTime));
            open.dropBefore(minLive);
        } catch (IllegalArgumentException | PageboxException e) {
            throw core.failure("commit", e);
        }
    }

    /**
     * Restores a batch of changelog records: they wait in the restore buffer ({@link RestoreBuffer}) until the
     * instance's stores hold {@link PageboxStoreOptions#restoreBufferSize()}, or until anything else is asked of the
     * store, and are then written (see {@link #writeRestored}).
     */
    synchronized void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
        openSegments();
        if (core.buffer(records)) {
            writeRestored();
        }
    }

    /**
     * Writes the buffered records: the stream time moves over all of them in the order they came, then the last
     * record of each key goes to its segment tree in key order, skipping those whose time has expired by then (a
     * store that took them one by one would have dropped them with their segment, or hidden them); then one small
     * batch records the offset of the last record, the position and the stream time (see
     * {@link StoreCore#restoreWritten}), and the expired segments are dropped.
     */
    private synchronized void writeRestored() {
        Segments open = openSegments();
        if (!core.restorePending()) {
            return;
        }
        RestoreBuffer buffer = core.restoreBuffer();
        boolean written = false;
        try {
            for (ConsumerRecord<byte[], byte[]> record : buffer.arrived()) {
                observedStreamTime = Math.max(observedStreamTime, segmentTime.applyAsLong(record.key()));
            }
            buffer.forEachLatestInKeyOrder(record -> {
                byte[] rawKey = record.key();
                long time = segmentTime.applyAsLong(rawKey);
                if (expired(time)) {
                    return;
                }
                if (record.value() != null) {
                    open.create(open.segmentId(time)).put(rawKey, record.value(), CommitMode.NONE);
                } else {
                    PageboxTree tree = open.tree(open.segmentId(time));
                    if (tree != null) {
                        tree.delete(rawKey, CommitMode.NONE);
                    }
                }
            });
            long streamTime = observedStreamTime;
            core.restoreWritten(batch -> core.meta().putStreamTime(batch, streamTime));
            written = true;
            open.dropBefore(minLiveTime());
        } catch (IllegalArgumentException | PageboxException e) {
            throw core.failure("restore", e);
        } finally {
            if (!written) {
                core.restoreDropped();
            }
        }
    }

    /** Closes the store (see {@link StoreCore#close}), recording the stream time in write-through mode. */
    synchronized void close() {
        if (core.isOpen() && core.restorePending() && core.pagebox().isHealthy()) {
            try {
                writeRestored();
            } catch (RuntimeException e) {
                LOG.warn(
                        "Pagebox store {} could not write its last restored records; they restore again",
                        core.name(),
                        e);
            }
        }
        long streamTime = observedStreamTime;
        try {
            core.close(batch -> core.meta().putStreamTime(batch, streamTime));
        } finally {
            segments = null;
        }
    }
}
