/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.metrics;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxStats;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A store's {@link Pagebox#stats()}, taken at most once per {@code maxAge}: a scrape reads some twenty meters in a
 * burst, and each would otherwise take its own snapshot. Once the store is closed the last snapshot stays, so
 * counters never go backwards.
 *
 * <p>Thread-safe without locks: two scrapes that find the snapshot stale may both take one; either is current.
 */
final class StatsSnapshot {
    private record Taken(PageboxStats stats, long atNanos) {}

    private final Pagebox pagebox;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private volatile Taken taken;

    StatsSnapshot(Pagebox pagebox, Duration maxAge, LongSupplier nanoClock) {
        this.pagebox = pagebox;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
        this.taken = new Taken(pagebox.stats(), nanoClock.getAsLong());
    }

    /** The current snapshot, taking a new one if the last is older than the maximum age. */
    PageboxStats get() {
        Taken last = taken;
        long now = nanoClock.getAsLong();
        if (now - last.atNanos() < maxAgeNanos) {
            return last.stats();
        }
        try {
            Taken fresh = new Taken(pagebox.stats(), now);
            taken = fresh;
            return fresh.stats();
        } catch (PageboxClosedException e) {
            return last.stats();
        }
    }
}
