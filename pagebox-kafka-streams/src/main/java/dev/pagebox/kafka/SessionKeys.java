/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;

/**
 * The keys of a session store: the same bytes as Kafka's session changelog keys (its {@code SessionKeySchema}), so a
 * restored record goes to its segment tree as it is. Big-endian, so that within a segment the sessions of a key are in
 * end order, then start order.
 * <pre>
 *   0             n            n+8          n+16
 *   +-------------+------------+------------+
 *   | record key  | end (i64)  | start (i64)|
 *   +-------------+------------+------------+
 * </pre>
 * The only class that knows this layout.
 */
final class SessionKeys {
    /** The bytes after the record key. */
    static final int SUFFIX_BYTES = 2 * Long.BYTES;

    private static final byte[] GREATEST_SUFFIX = ByteBuffer.allocate(SUFFIX_BYTES)
            .putLong(Long.MAX_VALUE)
            .putLong(Long.MAX_VALUE)
            .array();

    private SessionKeys() {}

    static byte[] encode(byte[] key, long start, long end) {
        return ByteBuffer.allocate(key.length + SUFFIX_BYTES)
                .put(key)
                .putLong(end)
                .putLong(start)
                .array();
    }

    static byte[] encode(Windowed<Bytes> session) {
        return encode(
                session.key().get(), session.window().start(), session.window().end());
    }

    /** The record key of a session key. */
    static byte[] key(byte[] sessionKey) {
        return Arrays.copyOf(sessionKey, sessionKey.length - SUFFIX_BYTES);
    }

    static long end(byte[] sessionKey) {
        return ByteBuffer.wrap(sessionKey).getLong(sessionKey.length - SUFFIX_BYTES);
    }

    static long start(byte[] sessionKey) {
        return ByteBuffer.wrap(sessionKey).getLong(sessionKey.length - Long.BYTES);
    }

    /** Compares the record key of a session key with a key, in {@link Bytes} order. */
    static int compareKey(byte[] sessionKey, byte[] key) {
        return Arrays.compareUnsigned(sessionKey, 0, sessionKey.length - SUFFIX_BYTES, key, 0, key.length);
    }

    /** The least key of the sessions of {@code key} that end at {@code end} or later (end at least 0). */
    static byte[] lowerBound(byte[] key, long end) {
        return encode(key, 0, Math.max(0, end));
    }

    /** The greatest key of the sessions of {@code key}. */
    static byte[] upperBound(byte[] key) {
        return encode(key, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * The greatest key a session key can have with a record key up to {@code key} (see
     * {@link WindowKeys#rangeUpperBound}).
     */
    static byte[] rangeUpperBound(byte[] key) {
        return KeyBounds.greatestPrefixWith(key, GREATEST_SUFFIX);
    }

    /** The windowed key of a session key. */
    static Windowed<Bytes> windowed(byte[] sessionKey) {
        return new Windowed<>(Bytes.wrap(key(sessionKey)), new SessionWindow(start(sessionKey), end(sessionKey)));
    }
}
