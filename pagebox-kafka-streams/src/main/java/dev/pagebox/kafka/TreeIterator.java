/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.PageboxCursor;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka Streams iterator over a range of a tree, forward or backward, on a {@link PageboxCursor}. The cursor holds
 * no latch between calls, so an open iterator blocks no writer; it is positioned on first use and reads one entry
 * ahead. Closing it releases the cursor and tells the store (which closes what is left open when it closes).
 * Not thread-safe, as Kafka's iterators are not.
 */
final class TreeIterator implements KeyValueIterator<Bytes, byte[]> {
    private final String storeName;
    private final KeyBounds bounds;
    private final boolean forward;
    private final Consumer<TreeIterator> onClose;
    private @Nullable PageboxCursor cursor;
    private @Nullable KeyValue<Bytes, byte[]> next;
    private boolean started;

    TreeIterator(
            String storeName, PageboxCursor cursor, KeyBounds bounds, boolean forward, Consumer<TreeIterator> onClose) {
        this.storeName = storeName;
        this.cursor = cursor;
        this.bounds = bounds;
        this.forward = forward;
        this.onClose = onClose;
    }

    private PageboxCursor cursor() {
        PageboxCursor open = cursor;
        if (open == null) {
            throw new InvalidStateStoreException("an iterator of Pagebox store " + storeName + " was closed");
        }
        return open;
    }

    private void start() {
        PageboxCursor open = cursor();
        started = true;
        byte[] lower = bounds.lower();
        byte[] upper = bounds.upper();
        boolean found;
        if (forward) {
            found = lower == null ? open.first() : open.seek(lower);
        } else {
            found = upper == null ? open.last() : open.seekForPrev(upper);
        }
        load(found);
    }

    private void load(boolean found) {
        if (!found) {
            next = null;
            return;
        }
        PageboxCursor open = cursor();
        byte[] key = open.keyBytes();
        next = bounds.past(key, forward) ? null : KeyValue.pair(Bytes.wrap(key), open.valueBytes());
    }

    @Override
    public boolean hasNext() {
        if (!started) {
            start();
        } else {
            cursor();
        }
        return next != null;
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries in Pagebox store " + storeName);
        }
        KeyValue<Bytes, byte[]> entry = next;
        PageboxCursor open = cursor();
        load(forward ? open.next() : open.previous());
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
        if (cursor != null) {
            cursor = null;
            next = null;
            onClose.accept(this);
        }
    }
}
