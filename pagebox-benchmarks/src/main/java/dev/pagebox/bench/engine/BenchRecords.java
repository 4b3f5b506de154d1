/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.engine;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxTree;
import dev.pagebox.bench.ycsb.Keys;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The records every engine benchmark writes. A key is 16 bytes: the scrambled record number (so loading records
 * in order inserts in random key order, see {@link Keys#hash}) followed by the record number. A value starts
 * with its record number and version, so a read can be checked, followed by random bytes (nothing compresses
 * them).
 */
final class BenchRecords {
    /** Bytes in a key. */
    static final int KEY_LENGTH = 16;

    /** The smallest value: record number and version. */
    static final int MIN_VALUE_LENGTH = 16;

    private BenchRecords() {}

    static byte[] key(long record) {
        return ByteBuffer.allocate(KEY_LENGTH)
                .putLong(Keys.hash(record))
                .putLong(record)
                .array();
    }

    static byte[] value(long record, long version, int size, SplittableRandom random) {
        byte[] value = new byte[size];
        random.nextBytes(value);
        ByteBuffer.wrap(value).putLong(record).putLong(version);
        return value;
    }

    static long record(byte[] value) {
        return ByteBuffer.wrap(value).getLong(0);
    }

    static long version(byte[] value) {
        return ByteBuffer.wrap(value).getLong(Long.BYTES);
    }

    /**
     * Inserts records {@code 0} to {@code records - 1} at version 0.
     *
     * @param tree the tree
     * @param records how many
     * @param valueSize bytes per value
     * @param seed the random bytes' seed
     */
    static void load(PageboxTree tree, long records, int valueSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (long record = 0; record < records; record++) {
            tree.put(key(record), value(record, 0, valueSize, random), CommitMode.NONE);
        }
    }

    /**
     * Checks that every record is present exactly once and holds its own value; with {@code versions}, also
     * that it holds its newest version.
     *
     * @param tree the tree
     * @param records records 0 to {@code records - 1} must be there and nothing else
     * @param versions the newest version of each record, or null to skip that check
     * @throws IllegalStateException on the first wrong record
     */
    static void verify(PageboxTree tree, int records, int @Nullable [] versions) {
        long[] seen = {0};
        tree.range(null, null, (key, value) -> {
            ByteBuffer keyBytes = ByteBuffer.wrap(key);
            long record = keyBytes.getLong(Long.BYTES);
            if (key.length != KEY_LENGTH
                    || record < 0
                    || record >= records
                    || keyBytes.getLong(0) != Keys.hash(record)) {
                throw new IllegalStateException("unexpected key of " + key.length + " bytes for record " + record);
            }
            if (record(value) != record) {
                throw new IllegalStateException("key of record " + record + " holds the value of " + record(value));
            }
            if (versions != null && version(value) != versions[(int) record]) {
                throw new IllegalStateException("record " + record + " has version " + version(value) + " instead of "
                        + versions[(int) record]);
            }
            seen[0]++;
            return true;
        });
        if (seen[0] != records) {
            throw new IllegalStateException("the tree holds " + seen[0] + " records instead of " + records);
        }
    }
}
