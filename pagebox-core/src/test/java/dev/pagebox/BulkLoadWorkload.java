/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import dev.pagebox.testing.SmallStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The child process of {@link BulkLoadCrashTest}: opens a store, writes a few entries to another tree, then bulk
 * loads {@link #entries} into the tree {@code bulk}, printing {@code PROGRESS} lines as it reads its input (with a
 * checkpoint now and then, so checkpoints fall in the middle of the load) and {@code ATTACHED} with the loaded tree's
 * figures once the load returned; then it waits to be killed.
 */
final class BulkLoadWorkload {
    static final String TREE = "bulk";
    static final String OTHER = "other";

    private BulkLoadWorkload() {}

    static PageboxOptions options(boolean backgroundCheckpoints) {
        return SmallStores.options(256)
                .commitMode(CommitMode.STRICT)
                .walSegmentSize(2 << 20)
                .walBufferSize(2 << 20)
                .checkpointWalSize(backgroundCheckpoints ? 2 << 20 : 1L << 40)
                .checkpointInterval(backgroundCheckpoints ? Duration.ofMillis(200) : Duration.ofHours(1))
                .build();
    }

    /** The i-th key: ascending, of varied lengths. */
    static byte[] key(long seed, long i) {
        return ("k" + Long.toString(seed, 36) + "-" + String.format("%010d", i) + "x".repeat((int) (i % 7)))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The i-th value: mostly small, now and then an overflow value. */
    static byte[] value(long seed, long i) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003 + i);
        byte[] value = new byte[i % 97 == 0 ? 2_000 + random.nextInt(9_000) : random.nextInt(120)];
        random.nextBytes(value);
        return value;
    }

    /** The input: {@code count} entries, calling {@code step} after each one. */
    static Iterator<Map.Entry<byte[], byte[]>> entries(long seed, long count, Runnable step) {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Map.Entry<byte[], byte[]> next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                long i = next++;
                step.run();
                return Map.entry(key(seed, i), value(seed, i));
            }
        };
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        long count = Long.parseLong(args[2]);
        boolean backgroundCheckpoints = Boolean.parseBoolean(args[3]);
        System.out.println("OPENING");
        System.out.flush();
        try (Pagebox store = Pagebox.open(directory, options(backgroundCheckpoints))) {
            PageboxTree other = store.tree(OTHER);
            for (int i = 0; i < 200; i++) {
                other.put(key(seed + 1, i), value(seed + 1, i));
            }
            long[] seen = {0};
            PageboxTree tree = store.bulkLoad(
                    TREE,
                    entries(seed, count, () -> {
                        long n = ++seen[0];
                        if (n % 500 == 0) {
                            System.out.println("PROGRESS " + n);
                            System.out.flush();
                        }
                        if (backgroundCheckpoints && n % 5_000 == 0) {
                            store.checkpoint();
                        }
                    }),
                    BulkLoadOptions.defaults());
            PageboxTreeStats stats = tree.stats();
            System.out.println("ATTACHED " + stats.leafPages() + " " + stats.innerPages() + " " + stats.overflowPages()
                    + " " + stats.entries() + " " + stats.usedBytes());
            System.out.flush();
            // Wait for the parent's SIGKILL, so the store is never closed cleanly (joining itself never returns).
            Thread.currentThread().join();
        }
    }
}
