/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A set of page ids kept as runs of consecutive ids, in the order they were added: what a bulk load allocated
 * ({@link BulkLoader}), compact enough for one log record when the allocator hands out pages in sequence, as it does
 * when the file grows.
 */
final class PageRuns {
    /** Bytes one run takes in a log record: its first page id (u64) and its length (u32). */
    static final int RUN_BYTES = 12;

    private long[] starts = new long[16];
    private int[] lengths = new int[16];
    private int runs;
    private long pages;

    /** Adds a page id; extends the last run if the id follows it. */
    void add(long pageId) {
        if (runs > 0 && starts[runs - 1] + lengths[runs - 1] == pageId && lengths[runs - 1] < Integer.MAX_VALUE) {
            lengths[runs - 1]++;
        } else {
            if (runs == starts.length) {
                starts = Arrays.copyOf(starts, runs * 2);
                lengths = Arrays.copyOf(lengths, runs * 2);
            }
            starts[runs] = pageId;
            lengths[runs] = 1;
            runs++;
        }
        pages++;
    }

    /** The number of runs. */
    int runs() {
        return runs;
    }

    /** The number of page ids. */
    long pages() {
        return pages;
    }

    long start(int run) {
        return starts[run];
    }

    int length(int run) {
        return lengths[run];
    }

    /** Visits every page id, run by run. */
    void forEach(LongConsumer action) {
        for (int run = 0; run < runs; run++) {
            for (long page = starts[run]; page < starts[run] + lengths[run]; page++) {
                action.accept(page);
            }
        }
    }
}
