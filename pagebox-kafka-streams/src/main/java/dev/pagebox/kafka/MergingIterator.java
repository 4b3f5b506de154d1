/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.jspecify.annotations.Nullable;

/**
 * A transactional store's view of a range: its staged writes laid over the tree's committed entries, in order. On
 * equal keys the staged write wins; a staged delete hides the committed entry.
 */
final class MergingIterator implements KeyValueIterator<Bytes, byte[]> {
    private final Iterator<Map.Entry<Bytes, byte[]>> staged;
    private final KeyValueIterator<Bytes, byte[]> committed;
    private final boolean forward;
    private Map.@Nullable Entry<Bytes, byte[]> stagedHead;
    private @Nullable KeyValue<Bytes, byte[]> next;
    private boolean loaded;

    MergingIterator(
            Iterator<Map.Entry<Bytes, byte[]>> staged, KeyValueIterator<Bytes, byte[]> committed, boolean forward) {
        this.staged = staged;
        this.committed = committed;
        this.forward = forward;
        this.stagedHead = staged.hasNext() ? staged.next() : null;
    }

    private void load() {
        if (loaded) {
            return;
        }
        next = null;
        while (next == null && (stagedHead != null || committed.hasNext())) {
            int order = order();
            if (order < 0) {
                next = committed.next();
            } else {
                Map.Entry<Bytes, byte[]> write = stagedHead;
                stagedHead = staged.hasNext() ? staged.next() : null;
                if (order == 0) {
                    committed.next();
                }
                if (write.getValue() != StagedWrites.TOMBSTONE) {
                    next = KeyValue.pair(write.getKey(), write.getValue());
                }
            }
        }
        loaded = true;
    }

    /** Negative when the committed head comes first, zero on equal keys, positive when the staged head does. */
    private int order() {
        if (stagedHead == null) {
            return -1;
        }
        if (!committed.hasNext()) {
            return 1;
        }
        int compare = committed.peekNextKey().compareTo(stagedHead.getKey());
        return forward ? compare < 0 ? -1 : compare == 0 ? 0 : 1 : compare > 0 ? -1 : compare == 0 ? 0 : 1;
    }

    @Override
    public boolean hasNext() {
        committed.hasNext(); // fails on a closed iterator
        load();
        return next != null;
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries");
        }
        KeyValue<Bytes, byte[]> entry = next;
        loaded = false;
        return entry;
    }

    @Override
    public Bytes peekNextKey() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries");
        }
        return next.key;
    }

    @Override
    public void close() {
        committed.close();
    }
}
