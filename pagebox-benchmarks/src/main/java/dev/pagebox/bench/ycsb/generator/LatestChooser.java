/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.generator;

import java.util.random.RandomGenerator;

/**
 * YCSB's {@code latest} distribution ({@code SkewedLatestGenerator}): zipfian over recency, so the most recently
 * inserted record is the most popular. It draws a zipfian rank {@code r} over the records inserted so far and
 * returns {@code lastAcknowledged - r}.
 */
public final class LatestChooser implements KeyChooser {
    private final AcknowledgedCounter inserts;
    private final ZipfianChooser ranks;

    /**
     * Creates a chooser that follows an insert counter.
     *
     * @param inserts the counter of the workload's inserts; at least one record must exist
     */
    public LatestChooser(AcknowledgedCounter inserts) {
        this.inserts = inserts;
        this.ranks = new ZipfianChooser(Math.max(1, inserts.lastAcknowledged() + 1), ZipfianChooser.DEFAULT_THETA);
    }

    @Override
    public long next(RandomGenerator random) {
        while (true) {
            long last = inserts.lastAcknowledged();
            long record = last - ranks.next(random, last + 1);
            // Another thread may have grown the ranks past this thread's view of the counter: draw again.
            if (record >= 0) {
                return record;
            }
        }
    }
}
