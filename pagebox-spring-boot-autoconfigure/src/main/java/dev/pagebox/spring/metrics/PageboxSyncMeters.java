/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.metrics;

import dev.pagebox.LogSyncListener;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Records every log sync in a {@link Timer} ({@code pagebox.wal.sync}) and its group-commit size in a
 * {@link DistributionSummary} ({@code pagebox.wal.sync.records}), both tagged {@code store}. It is the store's
 * {@link LogSyncListener} (set in its options before it opens) and a {@link MeterBinder}; syncs before the
 * meters are bound are not recorded. Histogram buckets and percentiles follow the registry's configuration
 * ({@code management.metrics.distribution.*} in Spring Boot).
 */
public final class PageboxSyncMeters implements LogSyncListener, MeterBinder {
    private final Tags tags;
    private final List<Timer> timers = new CopyOnWriteArrayList<>();
    private final List<DistributionSummary> groups = new CopyOnWriteArrayList<>();

    /**
     * Creates the meters' recorder.
     *
     * @param store the value of the {@code store} tag
     */
    public PageboxSyncMeters(String store) {
        this.tags = Tags.of(Tag.of("store", store));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        timers.add(Timer.builder("pagebox.wal.sync")
                .description("log syncs and how long each took")
                .tags(tags)
                .register(registry));
        groups.add(DistributionSummary.builder("pagebox.wal.sync.records")
                .description("log records made durable per sync (group commit)")
                .baseUnit("records")
                .tags(tags)
                .register(registry));
    }

    @Override
    public void synced(long durationNanos, long records) {
        for (Timer timer : timers) {
            timer.record(durationNanos, TimeUnit.NANOSECONDS);
        }
        for (DistributionSummary group : groups) {
            group.record(records);
        }
    }
}
