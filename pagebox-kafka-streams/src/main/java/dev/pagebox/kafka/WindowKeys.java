/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;

/**
 * The keys of a window store: the same bytes as Kafka's window changelog keys (its {@code WindowKeySchema}), so a
 * restored record goes to its segment tree as it is. Big-endian, so that within a segment the entries of a key are in
 * window start order, and duplicates in the order they were put.
 * <pre>
 *   0             n            n+8        n+12
 *   +-------------+------------+----------+
 *   | record key  | start (i64)| seq (i32)|      seq: 0, or 1, 2, ... for a store that retains duplicates
 *   +-------------+------------+----------+
 * </pre>
 * The only class that knows this layout.
 */
final class WindowKeys {
    /** The bytes after the record key. */
    static final int SUFFIX_BYTES = Long.BYTES + Integer.BYTES;

    private WindowKeys() {}

    static byte[] encode(byte[] key, long start, int seqnum) {
        return ByteBuffer.allocate(key.length + SUFFIX_BYTES)
                .put(key)
                .putLong(start)
                .putInt(seqnum)
                .array();
    }

    /** The record key of a window key. */
    static byte[] key(byte[] windowKey) {
        return Arrays.copyOf(windowKey, windowKey.length - SUFFIX_BYTES);
    }

    /** The window start of a window key. */
    static long start(byte[] windowKey) {
        return ByteBuffer.wrap(windowKey).getLong(windowKey.length - SUFFIX_BYTES);
    }

    /** Compares the record key of a window key with a key, in {@link Bytes} order. */
    static int compareKey(byte[] windowKey, byte[] key) {
        return Arrays.compareUnsigned(windowKey, 0, windowKey.length - SUFFIX_BYTES, key, 0, key.length);
    }

    /**
     * The least key of the entries of {@code key} from {@code start} on (start at least 0: Kafka's windows never start
     * earlier).
     */
    static byte[] lowerBound(byte[] key, long start) {
        return encode(key, Math.max(0, start), 0);
    }

    /** The greatest key of the entries of {@code key} that start at {@code end} or earlier. */
    static byte[] upperBound(byte[] key, long end) {
        return encode(key, Math.max(0, end), Integer.MAX_VALUE);
    }

    /**
     * The greatest key a window key can have with a record key up to {@code key} and a start up to {@code end}
     * (non-negative): with variable-length keys, a record key that is a prefix of {@code key} can sort after {@code
     * key}'s own entries, so the bound is the greatest of every prefix of {@code key} followed by the greatest suffix.
     */
    static byte[] rangeUpperBound(byte[] key, long end) {
        byte[] suffix = ByteBuffer.allocate(SUFFIX_BYTES)
                .putLong(Math.max(0, end))
                .putInt(Integer.MAX_VALUE)
                .array();
        return KeyBounds.greatestPrefixWith(key, suffix);
    }

    /** The windowed key of a window key, for a store of windows of {@code windowSize} ms. */
    static Windowed<Bytes> windowed(byte[] windowKey, long windowSize) {
        long start = start(windowKey);
        long end = start + windowSize;
        return new Windowed<>(Bytes.wrap(key(windowKey)), new TimeWindow(start, end < 0 ? Long.MAX_VALUE : end));
    }
}
