/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Changelog records a store has been handed for restoration and not yet written: held so that they can be written
 * in key order, many at a time. With a tree several times larger than the memory budget, records written in the
 * order they come each land in a random leaf, and most of them fault a page in and evict a dirty one; written
 * sorted, a buffer of N records over L leaves touches each leaf once for about N / L records. Only the last record
 * of a key is written (the changelog's later records win).
 *
 * <p>Not thread-safe: its store guards it.
 */
final class RestoreBuffer {
    /** What a record costs on the heap beyond its key and value (the consumer's record object, roughly). */
    static final int RECORD_OVERHEAD = 160;

    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    private long bytes;

    /** Adds a batch; returns the bytes it added (see {@link #bytes()}). */
    long add(Collection<ConsumerRecord<byte[], byte[]>> batch) {
        long added = 0;
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            records.add(record);
            byte[] value = record.value();
            added += RECORD_OVERHEAD + record.key().length + (value == null ? 0 : value.length);
        }
        bytes += added;
        return added;
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    /** Roughly how many heap bytes the buffered records hold. */
    long bytes() {
        return bytes;
    }

    /** The record that came last, or null. */
    @Nullable
    ConsumerRecord<byte[], byte[]> last() {
        return records.isEmpty() ? null : records.getLast();
    }

    /** The records in the order they came. */
    List<ConsumerRecord<byte[], byte[]>> arrived() {
        return records;
    }

    /** Visits the last record of every key, in key order ({@code Bytes} order, Pagebox's). */
    void forEachLatestInKeyOrder(Consumer<ConsumerRecord<byte[], byte[]>> visitor) {
        int[] order = keyOrder();
        for (int i = 0; i < order.length; i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(order[i]);
            boolean overwritten = i + 1 < order.length
                    && Arrays.equals(record.key(), records.get(order[i + 1]).key());
            if (!overwritten) {
                visitor.accept(record);
            }
        }
    }

    /** Forgets every record. */
    void clear() {
        records.clear();
        bytes = 0;
    }

    /**
     * The records' indexes sorted by key, then by arrival. Keys are compared on an 8-byte head taken after the
     * prefix all of them share (a long comparison settles most pairs), then on their remaining bytes.
     */
    private int[] keyOrder() {
        int size = records.size();
        byte[][] keys = new byte[size][];
        for (int i = 0; i < size; i++) {
            keys[i] = records.get(i).key();
        }
        int shared = sharedPrefix(keys);
        long[] heads = new long[size];
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            heads[i] = head(keys[i], shared);
            order[i] = i;
        }
        new KeyOrder(keys, heads, shared).sort(order);
        return order;
    }

    private static int sharedPrefix(byte[][] keys) {
        if (keys.length == 0) {
            return 0;
        }
        int shared = keys[0].length;
        for (byte[] key : keys) {
            int mismatch = Arrays.mismatch(keys[0], 0, shared, key, 0, Math.min(shared, key.length));
            if (mismatch >= 0) {
                shared = mismatch;
            } else {
                shared = Math.min(shared, key.length);
            }
        }
        return shared;
    }

    /** Bytes {@code [from, from + 8)} of a key as an unsigned big-endian long, zero-padded. */
    private static long head(byte[] key, int from) {
        long head = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            int index = from + i;
            head = (head << 8) | (index < key.length ? key[index] & 0xFF : 0);
        }
        return head;
    }

    /** A merge sort of record indexes by key, then index. */
    private record KeyOrder(byte[][] keys, long[] heads, int shared) {
        void sort(int[] order) {
            int[] scratch = new int[order.length];
            for (int width = 1; width < order.length; width *= 2) {
                for (int low = 0; low < order.length - width; low += 2 * width) {
                    merge(order, scratch, low, low + width, Math.min(low + 2 * width, order.length));
                }
            }
        }

        private void merge(int[] order, int[] scratch, int low, int middle, int high) {
            if (compare(order[middle - 1], order[middle]) <= 0) {
                return; // already in order, as runs of a changelog's sorted stretches often are
            }
            System.arraycopy(order, low, scratch, low, high - low);
            int left = low;
            int right = middle;
            for (int out = low; out < high; out++) {
                if (right >= high || (left < middle && compare(scratch[left], scratch[right]) <= 0)) {
                    order[out] = scratch[left++];
                } else {
                    order[out] = scratch[right++];
                }
            }
        }

        private int compare(int a, int b) {
            int byHead = Long.compareUnsigned(heads[a], heads[b]);
            if (byHead != 0) {
                return byHead;
            }
            byte[] first = keys[a];
            byte[] second = keys[b];
            int byKey = Arrays.compareUnsigned(first, shared, first.length, second, shared, second.length);
            return byKey != 0 ? byKey : Integer.compare(a, b);
        }
    }
}
