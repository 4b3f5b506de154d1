/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.btree;

import dev.pagebox.bench.ycsb.Keys;
import java.util.SplittableRandom;

/**
 * The records every benchmark here uses: 8-byte keys scattered over the 64-bit space (the YCSB harness's
 * {@link Keys}, so loading records in order inserts keys in random order) and fixed-size random values.
 */
final class Dataset {
    /** Bytes per value. */
    static final int VALUE_SIZE = 100;

    private final byte[][] keys;
    private final byte[] values;

    /**
     * Generates the records.
     *
     * @param records how many
     */
    Dataset(int records) {
        keys = new byte[records][];
        for (int i = 0; i < records; i++) {
            keys[i] = new byte[Keys.LENGTH];
            Keys.encode(i, keys[i]);
        }
        // One pool of random bytes; value i is the window at i, so values differ without a million arrays here.
        values = new byte[records + VALUE_SIZE];
        new SplittableRandom(42).nextBytes(values);
    }

    int records() {
        return keys.length;
    }

    /** The key of record {@code i}; shared, never modified. */
    byte[] key(int i) {
        return keys[i];
    }

    /** A fresh copy of the value of record {@code i}. */
    byte[] value(int i) {
        byte[] value = new byte[VALUE_SIZE];
        System.arraycopy(values, i, value, 0, VALUE_SIZE);
        return value;
    }

    /** Raw bytes of the data set: keys and values. */
    long rawBytes() {
        return (long) keys.length * (Keys.LENGTH + VALUE_SIZE);
    }
}
