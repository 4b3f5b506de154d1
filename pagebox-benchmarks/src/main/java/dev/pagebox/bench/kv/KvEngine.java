/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.kv;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * An open key-value store under benchmark: the few operations the YCSB driver needs, with the same meaning for
 * every engine. Keys and values are byte strings; keys are ordered as unsigned bytes (big-endian integers sort
 * numerically).
 *
 * <p>All methods may be called concurrently from any number of threads, platform or virtual. No method keeps
 * a reference to a caller's array after it returns, so callers may reuse their buffers. When the store was
 * opened {@linkplain EngineConfig#durable() durable}, {@link #put} returns only once the write is on stable
 * storage; otherwise it may return as soon as the engine has the write in memory.
 *
 * <p>Failures are unchecked: the engine's own runtime exception, or an {@link IllegalStateException} whose
 * cause is the engine's checked exception.
 */
public interface KvEngine extends AutoCloseable {

    /**
     * Inserts or replaces one record.
     *
     * @param key the key
     * @param value the value
     */
    void put(byte[] key, byte[] value);

    /**
     * Looks up one record and copies its value into {@code valueBuffer}.
     *
     * @param key the key
     * @param valueBuffer where the value goes; if it is too small, only its length is copied
     * @return the value's full length, or -1 if the key is absent
     */
    int get(byte[] key, byte[] valueBuffer);

    /**
     * Writes {@code count} records as one batch where the engine has batches (atomic there), else one by one: the
     * loading form of a bulk import. The arrays are the caller's and may be reused after the call.
     *
     * @param keys the keys, the first {@code count} used
     * @param values their values
     * @param count how many
     */
    default void putBatch(byte[][] keys, byte[][] values, int count) {
        for (int i = 0; i < count; i++) {
            put(keys[i], values[i]);
        }
    }

    /**
     * Finishes {@link #get} for an engine that looked the value up as an array: copies what fits.
     *
     * @param value the value found, or null
     * @param valueBuffer the caller's buffer
     * @return the value's full length, or -1 if there was none
     */
    static int copyOut(byte @Nullable [] value, byte[] valueBuffer) {
        if (value == null) {
            return -1;
        }
        System.arraycopy(value, 0, valueBuffer, 0, Math.min(value.length, valueBuffer.length));
        return value.length;
    }

    /**
     * Visits up to {@code count} records in key order, starting at the first key {@code >= startKey}.
     *
     * @param startKey the lower bound (inclusive)
     * @param count the most records to visit
     * @param consumer receives each record; its buffers are valid only during the call
     * @return the number of records visited
     */
    int scan(byte[] startKey, int count, ScanConsumer consumer);

    /**
     * Returns the bytes the store occupies on disk now (the sum of its files' lengths). Also valid after
     * {@link #close}, when it counts what the clean shutdown left behind.
     *
     * @return bytes on disk, 0 for an in-memory engine
     */
    long onDiskBytes();

    /** Flushes everything to disk (a clean shutdown) and releases the store. */
    @Override
    void close();

    /** Receives the records of a {@link #scan}. */
    @FunctionalInterface
    interface ScanConsumer {
        /**
         * Receives one record. The buffers are read-only views that stop being valid when this returns.
         *
         * @param key the key, from position to limit
         * @param value the value, from position to limit
         */
        void accept(ByteBuffer key, ByteBuffer value);
    }
}
