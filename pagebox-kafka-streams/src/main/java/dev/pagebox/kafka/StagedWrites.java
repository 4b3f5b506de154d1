/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * The writes of a transactional store since its last commit (Kafka Streams' {@code enable.transactional.statestores}):
 * puts and deletes (tombstones) in key order, applied to the tree together with the changelog offsets they reach in
 * one atomic batch at commit, and dropped if the store closes first. Readers on other threads (interactive queries)
 * see it through weakly consistent iterators, so a writer never throws at them.
 */
final class StagedWrites {
    /** The value that stands for a delete; compared by identity, so no caller's array can be mistaken for it. */
    static final byte[] TOMBSTONE = new byte[0];

    /** Heap bytes an entry costs beyond its key and value (map node, {@code Bytes} wrapper), roughly. */
    private static final int ENTRY_OVERHEAD = 96;

    private static final byte[] EMPTY = new byte[0];

    private final ConcurrentSkipListMap<Bytes, byte[]> writes = new ConcurrentSkipListMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /** Stages a put, or a delete when {@code value} is null. */
    void put(Bytes key, byte @Nullable [] value) {
        byte[] staged = value == null ? TOMBSTONE : value;
        byte[] previous = writes.put(key, staged);
        long delta = staged.length + (previous == null ? key.get().length + ENTRY_OVERHEAD : -previous.length);
        bytes.addAndGet(delta);
    }

    /** The staged value: {@link #TOMBSTONE} for a staged delete, null if the key has no staged write. */
    byte @Nullable [] get(Bytes key) {
        return writes.get(key);
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    int size() {
        return writes.size();
    }

    /** Approximately how many heap bytes the staged writes take. */
    long bytes() {
        return bytes.get();
    }

    /** The staged writes in key order. */
    Iterable<Map.Entry<Bytes, byte[]>> entries() {
        return writes.entrySet();
    }

    /** Drops every staged write. */
    void clear() {
        writes.clear();
        bytes.set(0);
    }

    /** The staged writes within the bounds, in the direction of travel (tombstones included). */
    Iterator<Map.Entry<Bytes, byte[]>> iterator(KeyBounds bounds, boolean forward) {
        return iterator(EMPTY, bounds, forward);
    }

    /**
     * The staged writes whose keys start with {@code prefix} and whose rest lies within the bounds, in the direction
     * of travel (tombstones included), with the prefix taken off their keys.
     */
    Iterator<Map.Entry<Bytes, byte[]>> iterator(byte[] prefix, KeyBounds bounds, boolean forward) {
        NavigableMap<Bytes, byte[]> view = writes;
        byte[] lower = bounds.lower();
        byte[] upper = bounds.upper();
        view = view.tailMap(Bytes.wrap(lower == null ? prefix : concat(prefix, lower)), true);
        if (upper != null) {
            view = view.headMap(Bytes.wrap(concat(prefix, upper)), true);
        } else {
            byte[] successor = successor(prefix);
            if (successor != null) {
                view = view.headMap(Bytes.wrap(successor), false);
            }
        }
        Iterator<Map.Entry<Bytes, byte[]>> ordered = forward
                ? view.entrySet().iterator()
                : view.descendingMap().entrySet().iterator();
        return new Iterator<>() {
            private Map.@Nullable Entry<Bytes, byte[]> next = advance();

            private Map.@Nullable Entry<Bytes, byte[]> advance() {
                if (!ordered.hasNext()) {
                    return null;
                }
                Map.Entry<Bytes, byte[]> entry = ordered.next();
                byte[] key = entry.getKey().get();
                if (!KeyBounds.startsWith(key, prefix)) {
                    return null;
                }
                byte[] rest = prefix.length == 0 ? key : Arrays.copyOfRange(key, prefix.length, key.length);
                if (bounds.past(rest, forward)) {
                    return null;
                }
                return prefix.length == 0 ? entry : Map.entry(Bytes.wrap(rest), entry.getValue());
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map.Entry<Bytes, byte[]> next() {
                Map.Entry<Bytes, byte[]> entry = next;
                if (entry == null) {
                    throw new java.util.NoSuchElementException();
                }
                next = advance();
                return entry;
            }
        };
    }

    /** The least staged key {@code >= key}, or null. */
    @Nullable
    Bytes ceiling(byte[] key) {
        return writes.ceilingKey(Bytes.wrap(key));
    }

    /** The greatest staged key, or null. */
    @Nullable
    Bytes last() {
        Map.Entry<Bytes, byte[]> last = writes.lastEntry();
        return last == null ? null : last.getKey();
    }

    /** The greatest staged key {@code < key}, or null. */
    @Nullable
    Bytes lower(byte[] key) {
        return writes.lowerKey(Bytes.wrap(key));
    }

    private static byte[] concat(byte[] prefix, byte[] rest) {
        byte[] joined = Arrays.copyOf(prefix, prefix.length + rest.length);
        System.arraycopy(rest, 0, joined, prefix.length, rest.length);
        return joined;
    }

    /** The least key greater than every key starting with {@code prefix}, or null if there is none. */
    private static byte @Nullable [] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] successor = Arrays.copyOf(prefix, i + 1);
                successor[i]++;
                return successor;
            }
        }
        return null;
    }
}
