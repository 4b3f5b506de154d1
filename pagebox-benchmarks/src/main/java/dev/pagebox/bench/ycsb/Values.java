/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Values that check themselves. Every value is derived from the run's seed, its record number and a version
 * (0 when loaded, a fresh number for each update), so any reader can recompute what the bytes must be:
 *
 * <pre>
 *   0        8        16                                              size
 *   +--------+--------+-----------------------------------------------+
 *   | record | version| pseudo-random body = f(seed, record, version) |
 *   +--------+--------+-----------------------------------------------+
 * </pre>
 *
 * {@link #check} fails on a value of the wrong length, a value of another record, or any changed byte. A stale
 * version of the right record passes: with concurrent writers to one record, any version some writer stored is
 * a legitimate answer.
 */
public final class Values {
    /** Bytes taken by the record number and the version. */
    public static final int HEADER = 16;

    /** The smallest value size: the header plus one body word. */
    public static final int MIN_SIZE = HEADER + Long.BYTES;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final int size;

    /**
     * Creates the codec for one run.
     *
     * @param seed the run's seed
     * @param size every value's length, at least {@link #MIN_SIZE}
     */
    public Values(long seed, int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("value size must be at least " + MIN_SIZE + ", got " + size);
        }
        this.seed = seed;
        this.size = size;
    }

    /**
     * Returns the length of every value.
     *
     * @return the value size in bytes
     */
    public int size() {
        return size;
    }

    /**
     * Writes the value of a record at a version.
     *
     * @param record the record number
     * @param version the version
     * @param out an array of at least {@link #size()} bytes
     */
    public void encode(long record, long version, byte[] out) {
        LONGS.set(out, 0, record);
        LONGS.set(out, Long.BYTES, version);
        long state = bodySeed(record, version);
        int offset = HEADER;
        for (; offset + Long.BYTES <= size; offset += Long.BYTES) {
            state += GOLDEN_GAMMA;
            LONGS.set(out, offset, Keys.hash(state));
        }
        writeTail(out, offset, Keys.hash(state + GOLDEN_GAMMA));
    }

    /**
     * Checks a value read for a record.
     *
     * @param record the record the value was read for
     * @param value the bytes read
     * @param length how many bytes the engine returned
     * @return the value's version
     * @throws VerificationException if the value is not one that was written for this record
     */
    public long check(long record, byte[] value, int length) {
        if (length != size) {
            throw new VerificationException(
                    length < 0
                            ? "record " + record + " is missing"
                            : "record " + record + ": value of " + length + " bytes, expected " + size);
        }
        long stored = (long) LONGS.get(value, 0);
        if (stored != record) {
            throw new VerificationException("record " + record + ": got the value of record " + stored);
        }
        long version = (long) LONGS.get(value, Long.BYTES);
        long state = bodySeed(record, version);
        int offset = HEADER;
        for (; offset + Long.BYTES <= size; offset += Long.BYTES) {
            state += GOLDEN_GAMMA;
            if ((long) LONGS.get(value, offset) != Keys.hash(state)) {
                throw corrupted(record, version, offset);
            }
        }
        long tail = Keys.hash(state + GOLDEN_GAMMA);
        for (int i = offset; i < size; i++) {
            if (value[i] != tailByte(tail, i - offset)) {
                throw corrupted(record, version, i);
            }
        }
        return version;
    }

    private long bodySeed(long record, long version) {
        return Keys.hash(seed ^ Keys.hash(record ^ Keys.hash(version + GOLDEN_GAMMA)));
    }

    private void writeTail(byte[] out, int from, long tail) {
        for (int i = from; i < size; i++) {
            out[i] = tailByte(tail, i - from);
        }
    }

    private static byte tailByte(long tail, int index) {
        return (byte) (tail >>> (Long.SIZE - Byte.SIZE * (index + 1)));
    }

    private static VerificationException corrupted(long record, long version, int offset) {
        return new VerificationException(
                "record " + record + " version " + version + ": value corrupted at byte " + offset);
    }
}
