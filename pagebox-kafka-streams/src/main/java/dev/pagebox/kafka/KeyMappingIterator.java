/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jspecify.annotations.Nullable;

/**
 * A store's raw iterator with its keys decoded: windowed keys for window and session stores, window start times for
 * a window store's single-key fetches ({@link Times}). The decoded key of the next entry is kept, so peeking does not
 * decode again.
 */
sealed class KeyMappingIterator<K> implements KeyValueIterator<K, byte[]> permits KeyMappingIterator.Times {
    private final KeyValueIterator<Bytes, byte[]> raw;
    private final Function<byte[], K> decode;
    private @Nullable Bytes peekedRaw;
    private @Nullable K peeked;

    KeyMappingIterator(KeyValueIterator<Bytes, byte[]> raw, Function<byte[], K> decode) {
        this.raw = raw;
        this.decode = decode;
    }

    @Override
    public boolean hasNext() {
        return raw.hasNext();
    }

    @Override
    public KeyValue<K, byte[]> next() {
        KeyValue<Bytes, byte[]> entry = raw.next();
        K key = entry.key == peekedRaw && peeked != null ? peeked : decode.apply(entry.key.get());
        peekedRaw = null;
        peeked = null;
        return KeyValue.pair(key, entry.value);
    }

    @Override
    public K peekNextKey() {
        Bytes next = raw.peekNextKey();
        if (next != peekedRaw || peeked == null) {
            peeked = decode.apply(next.get());
            peekedRaw = next;
        }
        return peeked;
    }

    @Override
    public void close() {
        peekedRaw = null;
        peeked = null;
        raw.close();
    }

    /** The window start times and values of one key's windows. */
    static final class Times extends KeyMappingIterator<Long> implements WindowStoreIterator<byte[]> {
        Times(KeyValueIterator<Bytes, byte[]> raw) {
            super(raw, WindowKeys::start);
        }
    }
}
