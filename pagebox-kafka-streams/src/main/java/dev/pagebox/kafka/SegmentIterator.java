/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxTree;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.jspecify.annotations.Nullable;

/**
 * An iterator over the raw entries of a window or session store: segment by segment in the direction of travel
 * (ascending segment ids forward, descending backward), and within a segment in key order (reversed backward),
 * keeping the entries that {@code accept} takes. That is the order Kafka's caching layer merges its cache in: by
 * segment id, then by the store key's bytes.
 *
 * <p>In transactional mode the staged writes of each segment are laid over its tree ({@link MergingIterator}); a
 * segment with staged writes but no tree yet is visited too. A segment dropped while the iterator is on it (it
 * expired) ends early. Not thread-safe, as Kafka's iterators are not.
 */
final class SegmentIterator implements KeyValueIterator<Bytes, byte[]> {
    private final String storeName;
    private final Segments segments;
    private final @Nullable StagedWrites staged;
    private final long first;
    private final long last;
    private final KeyBounds bounds;
    private final Predicate<byte[]> accept;
    private final boolean forward;
    private final Consumer<SegmentIterator> onClose;

    private @Nullable Long current;
    private boolean finished;
    private boolean closed;
    private @Nullable KeyValueIterator<Bytes, byte[]> segment;
    private @Nullable KeyValue<Bytes, byte[]> next;

    /**
     * An iterator over the segments {@code first} to {@code last}.
     *
     * @param staged the staged writes to lay over the trees, or null
     */
    SegmentIterator(
            String storeName,
            Segments segments,
            @Nullable StagedWrites staged,
            long first,
            long last,
            KeyBounds bounds,
            Predicate<byte[]> accept,
            boolean forward,
            Consumer<SegmentIterator> onClose) {
        this.storeName = storeName;
        this.segments = segments;
        this.staged = staged;
        this.first = first;
        this.last = last;
        this.bounds = bounds;
        this.accept = accept;
        this.forward = forward;
        this.onClose = onClose;
    }

    /** The key that stands for a segment in the staged writes: the id, sign-flipped, big-endian (so it sorts). */
    static byte[] stagedPrefix(long segmentId) {
        return TreeMeta.encodeLong(segmentId ^ Long.MIN_VALUE);
    }

    /** The segment of a staged key. */
    static long stagedSegment(byte[] stagedKey) {
        return TreeMeta.decodeLong(stagedKey) ^ Long.MIN_VALUE;
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            throw new InvalidStateStoreException("an iterator of Pagebox store " + storeName + " was closed");
        }
        while (next == null && !finished) {
            KeyValueIterator<Bytes, byte[]> open = segment;
            if (open == null) {
                openNextSegment();
                continue;
            }
            try {
                if (!open.hasNext()) {
                    closeSegment();
                    continue;
                }
                KeyValue<Bytes, byte[]> entry = open.next();
                if (accept.test(entry.key.get())) {
                    next = entry;
                }
            } catch (PageboxClosedException e) {
                closeSegment(); // the segment expired and was dropped under the iterator
            }
        }
        return next != null;
    }

    private void openNextSegment() {
        Long id = nextSegment(current);
        current = id;
        if (id == null) {
            finished = true;
            return;
        }
        KeyValueIterator<Bytes, byte[]> committed = new EmptyIterator<>(storeName);
        PageboxTree tree = segments.tree(id);
        if (tree != null) {
            try {
                committed = new TreeIterator(storeName, tree.cursor(), bounds, forward, iterator -> {});
            } catch (PageboxClosedException e) {
                // dropped since it was looked up: it expired
            }
        }
        StagedWrites writes = staged;
        if (writes != null) {
            Iterator<Map.Entry<Bytes, byte[]>> stagedSegment = writes.iterator(stagedPrefix(id), bounds, forward);
            segment = new MergingIterator(stagedSegment, committed, forward);
        } else {
            segment = committed;
        }
    }

    /**
     * The segment after {@code after} (or the first, for null) in the direction of travel that has a tree or
     * staged writes, within {@code [first, last]}.
     */
    private @Nullable Long nextSegment(@Nullable Long after) {
        Long fromTrees = segments.next(after, first, last, forward);
        StagedWrites writes = staged;
        Long fromStaged = writes == null ? null : nextStagedSegment(writes, after);
        if (fromTrees == null || fromStaged == null) {
            return fromTrees == null ? fromStaged : fromTrees;
        }
        return forward ? Math.min(fromTrees, fromStaged) : Math.max(fromTrees, fromStaged);
    }

    private @Nullable Long nextStagedSegment(StagedWrites writes, @Nullable Long after) {
        Bytes found;
        if (forward) {
            if (after != null && after == Long.MAX_VALUE) {
                return null;
            }
            found = writes.ceiling(stagedPrefix(after == null ? first : after + 1));
        } else if (after == null && last == Long.MAX_VALUE) {
            found = writes.last();
        } else {
            found = writes.lower(stagedPrefix(after == null ? last + 1 : after));
        }
        if (found == null) {
            return null;
        }
        long id = stagedSegment(found.get());
        return id < first || id > last ? null : id;
    }

    private void closeSegment() {
        KeyValueIterator<Bytes, byte[]> open = segment;
        segment = null;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries in Pagebox store " + storeName);
        }
        KeyValue<Bytes, byte[]> entry = next;
        next = null;
        return entry;
    }

    @Override
    public Bytes peekNextKey() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries in Pagebox store " + storeName);
        }
        return next.key;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            next = null;
            closeSegment();
            onClose.accept(this);
        }
    }
}
