/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.generator;

import java.util.random.RandomGenerator;

/**
 * YCSB's {@code zipfian} request distribution: a zipfian rank over a fixed space of ten billion items, hashed
 * with 64-bit FNV-1a and reduced modulo the record count, so that the popular records are scattered over the
 * whole key space instead of clustering at the low record numbers. Using one huge fixed item space keeps the
 * popularity of each record independent of the record count and lets the record count change without
 * recomputing {@code zetan}.
 */
public final class ScrambledZipfianChooser implements KeyChooser {
    /** The fixed item space of YCSB's scrambled zipfian. */
    static final long ITEM_SPACE = 10_000_000_000L;

    /** {@code zeta(ITEM_SPACE, 0.99)}, too many terms to sum at start-up. */
    static final double ZETAN_ITEM_SPACE = 26.46902820178302;

    private static final long FNV_OFFSET_BASIS = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private final long lowest;
    private final long records;
    private final ZipfianChooser ranks = new ZipfianChooser(ITEM_SPACE, ZipfianChooser.DEFAULT_THETA, ZETAN_ITEM_SPACE);

    /**
     * Creates a chooser over {@code [lowest, lowest + records)}.
     *
     * @param lowest the smallest record number
     * @param records how many records, positive
     */
    public ScrambledZipfianChooser(long lowest, long records) {
        if (records < 1) {
            throw new IllegalArgumentException("records must be positive, got " + records);
        }
        this.lowest = lowest;
        this.records = records;
    }

    @Override
    public long next(RandomGenerator random) {
        return lowest + Long.remainderUnsigned(fnv1a(ranks.next(random)), records);
    }

    /**
     * FNV-1a over the eight bytes of {@code value}, least significant first.
     *
     * @param value the value to hash
     * @return its 64-bit hash
     */
    static long fnv1a(long value) {
        long hash = FNV_OFFSET_BASIS;
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
            hash ^= (value >>> shift) & 0xFF;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
