/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.nio.ByteBuffer;

/**
 * Record numbers to keys and back. A key is the 8-byte big-endian form of {@link #hash(long)}, so the engines'
 * unsigned byte order is the numeric order of the hashes, and consecutive records land far apart in key order
 * (YCSB's hashed insert order: loading records 0, 1, 2, ... writes keys in random order).
 *
 * <p>The hash is the SplitMix64 finalizer, a bijection on 64-bit values (each xor-shift and each multiplication
 * by an odd constant is invertible), chosen over YCSB's FNV because it can be inverted: {@link #record(long)}
 * turns any key seen in a scan back into its record number, which lets every scanned value be checked.
 */
public final class Keys {
    /** Bytes in a key. */
    public static final int LENGTH = Long.BYTES;

    private static final long MULTIPLIER_1 = 0xBF58476D1CE4E5B9L;
    private static final long MULTIPLIER_2 = 0x94D049BB133111EBL;
    private static final long INVERSE_1 = inverse(MULTIPLIER_1);
    private static final long INVERSE_2 = inverse(MULTIPLIER_2);

    private Keys() {}

    /**
     * Scatters a record number over the 64-bit space.
     *
     * @param record the record number
     * @return its hash, unique to it
     */
    public static long hash(long record) {
        long z = record;
        z = (z ^ (z >>> 30)) * MULTIPLIER_1;
        z = (z ^ (z >>> 27)) * MULTIPLIER_2;
        return z ^ (z >>> 31);
    }

    /**
     * Inverts {@link #hash(long)}.
     *
     * @param hash a hash
     * @return the record number it came from
     */
    public static long record(long hash) {
        long z = unshift(hash, 31);
        z = unshift(z * INVERSE_2, 27);
        return unshift(z * INVERSE_1, 30);
    }

    /**
     * Writes the key of a record.
     *
     * @param record the record number
     * @param key an array of at least {@link #LENGTH} bytes
     */
    public static void encode(long record, byte[] key) {
        long hash = hash(record);
        for (int i = 0; i < LENGTH; i++) {
            key[i] = (byte) (hash >>> (Long.SIZE - Byte.SIZE * (i + 1)));
        }
    }

    /**
     * Reads the record number from a key.
     *
     * @param key a buffer holding exactly one key between position and limit
     * @return its record number
     * @throws VerificationException if the key does not have {@link #LENGTH} bytes
     */
    public static long decode(ByteBuffer key) {
        if (key.remaining() != LENGTH) {
            throw new VerificationException("key of " + key.remaining() + " bytes, expected " + LENGTH);
        }
        return record(key.getLong(key.position()));
    }

    /** Undoes {@code x ^ (x >>> shift)}: each round recovers {@code shift} more of the top bits. */
    private static long unshift(long value, int shift) {
        long x = value;
        for (int recovered = shift; recovered < Long.SIZE; recovered += shift) {
            x = value ^ (x >>> shift);
        }
        return x;
    }

    /** Multiplicative inverse of an odd number modulo 2^64, by Newton's iteration (each step doubles the bits). */
    private static long inverse(long odd) {
        long inverse = odd; // correct to 3 bits, since odd * odd == 1 (mod 8)
        for (int i = 0; i < 5; i++) {
            inverse *= 2 - odd * inverse;
        }
        return inverse;
    }
}
