/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.NoSuchElementException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;

/** The iterator of an empty range: no entries, and the contract of a closed iterator once closed. */
final class EmptyIterator<K> implements KeyValueIterator<K, byte[]> {
    private final String storeName;
    private boolean closed;

    EmptyIterator(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            throw new InvalidStateStoreException("an iterator of Pagebox store " + storeName + " was closed");
        }
        return false;
    }

    @Override
    public KeyValue<K, byte[]> next() {
        hasNext();
        throw new NoSuchElementException("an empty range");
    }

    @Override
    public K peekNextKey() {
        hasNext();
        throw new NoSuchElementException("an empty range");
    }

    @Override
    public void close() {
        closed = true;
    }
}
