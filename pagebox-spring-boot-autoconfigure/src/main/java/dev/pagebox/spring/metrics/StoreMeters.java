/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.metrics;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxState;
import dev.pagebox.PageboxStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * One store's {@code pagebox.*} meters, all tagged with its {@code store} tag. They read a {@link StatsSnapshot}, so
 * one scrape takes one {@link Pagebox#stats()} snapshot.
 */
final class StoreMeters {
    private final Pagebox pagebox;
    private final StatsSnapshot snapshot;
    private final Tags tags;

    StoreMeters(Pagebox pagebox, String store, Duration snapshotMaxAge, LongSupplier nanoClock) {
        this.pagebox = pagebox;
        this.snapshot = new StatsSnapshot(pagebox, snapshotMaxAge, nanoClock);
        this.tags = Tags.of(Tag.of("store", store));
    }

    void bindTo(MeterRegistry registry) {
        bindState(registry);
        bindPool(registry);
        bindLog(registry);
        bindCheckpoints(registry);
    }

    /**
     * {@code pagebox.state{state=healthy|disk_full|fenced|closed}}: 1 for the state the store is in, 0 for the
     * others, read from the store itself rather than the snapshot (it is cheap, and it changes when a disk fills).
     */
    private void bindState(MeterRegistry registry) {
        for (PageboxState state : PageboxState.values()) {
            Gauge.builder("pagebox.state", pagebox, store -> store.state() == state ? 1 : 0)
                    .description("1 for the store's state (healthy, disk_full, fenced, closed), 0 for the others")
                    .tags(tags.and("state", state.name().toLowerCase(Locale.ROOT)))
                    .strongReference(true)
                    .register(registry);
        }
    }

    private void bindPool(MeterRegistry registry) {
        counter(
                registry,
                "pagebox.buffer.hits",
                "page accesses served from memory",
                null,
                pool(PageboxStats.Pool::hits));
        counter(registry, "pagebox.buffer.faults", "pages read from disk", null, pool(PageboxStats.Pool::misses));
        counter(
                registry,
                "pagebox.buffer.reheats",
                "cooling pages touched again and kept",
                null,
                pool(PageboxStats.Pool::reheats));
        counter(
                registry,
                "pagebox.buffer.evictions",
                "pages dropped from memory",
                null,
                pool(PageboxStats.Pool::evictions));
        counter(registry, "pagebox.buffer.writes", "pages written to disk", null, pool(PageboxStats.Pool::writeBacks));
        counter(
                registry,
                "pagebox.buffer.frame.waits",
                "waits for a free frame",
                null,
                pool(PageboxStats.Pool::frameWaits));
        pages(registry, "free", pool(PageboxStats.Pool::freeFrames));
        pages(registry, "hot", pool(PageboxStats.Pool::hotFrames));
        pages(registry, "cooling", pool(PageboxStats.Pool::coolingFrames));
        pages(registry, "pinned", pool(PageboxStats.Pool::pinnedFrames));
        gauge(
                registry,
                "pagebox.buffer.dirty.pages",
                "frames changed since last written",
                null,
                pool(PageboxStats.Pool::dirtyFrames));
        gauge(
                registry,
                "pagebox.buffer.capacity",
                "frames times the page size",
                BaseUnits.BYTES,
                pool(StoreMeters::bytes));
    }

    private void bindLog(MeterRegistry registry) {
        counter(registry, "pagebox.wal.records", "log records appended", null, log(PageboxStats.Log::records));
        counter(registry, "pagebox.wal.bytes", "log bytes written", BaseUnits.BYTES, log(PageboxStats.Log::bytes));
        counter(
                registry,
                "pagebox.wal.flushes",
                "log syncs (fdatasync or synchronous writes)",
                null,
                log(PageboxStats.Log::syncs));
        counter(
                registry,
                "pagebox.wal.space.waits",
                "waits for room in the log buffer",
                null,
                log(PageboxStats.Log::spaceWaits));
        gauge(
                registry,
                "pagebox.wal.unsynced",
                "log bytes not yet durable",
                BaseUnits.BYTES,
                log(StoreMeters::unsynced));
        gauge(
                registry,
                "pagebox.wal.since.checkpoint",
                "log bytes a crash now would replay",
                BaseUnits.BYTES,
                log(PageboxStats.Log::bytesSinceCheckpoint));
    }

    private void bindCheckpoints(MeterRegistry registry) {
        counter(
                registry,
                "pagebox.checkpoints",
                "checkpoints completed, the one at open included",
                null,
                stats -> stats.checkpoints().count());
        TimeGauge.builder(
                        "pagebox.checkpoint.duration",
                        snapshot,
                        TimeUnit.NANOSECONDS,
                        value(StoreMeters::lastCheckpointNanos))
                .description("how long the last checkpoint took")
                .tags(tags)
                .register(registry);
        TimeGauge.builder(
                        "pagebox.checkpoint.age",
                        snapshot,
                        TimeUnit.MILLISECONDS,
                        value(StoreMeters::checkpointAgeMillis))
                .description("time since the last checkpoint completed")
                .tags(tags)
                .register(registry);
        gauge(
                registry,
                "pagebox.recovery.records",
                "log records the last open replayed",
                null,
                stats -> stats.recovery().recordsReplayed());
    }

    private void counter(
            MeterRegistry registry,
            String name,
            String description,
            @Nullable String baseUnit,
            ToDoubleFunction<PageboxStats> f) {
        FunctionCounter.builder(name, snapshot, value(f))
                .description(description)
                .baseUnit(baseUnit)
                .tags(tags)
                .register(registry);
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            @Nullable String baseUnit,
            ToDoubleFunction<PageboxStats> f) {
        Gauge.builder(name, snapshot, value(f))
                .description(description)
                .baseUnit(baseUnit)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    private void pages(MeterRegistry registry, String state, ToDoubleFunction<PageboxStats> f) {
        Gauge.builder("pagebox.buffer.pages", snapshot, value(f))
                .description("buffer pool frames by state")
                .tags(tags.and("state", state))
                .strongReference(true)
                .register(registry);
    }

    private static ToDoubleFunction<StatsSnapshot> value(ToDoubleFunction<PageboxStats> f) {
        return snapshot -> f.applyAsDouble(snapshot.get());
    }

    private static ToDoubleFunction<PageboxStats> pool(ToLongFunction<PageboxStats.Pool> f) {
        return stats -> f.applyAsLong(stats.pool());
    }

    private static ToDoubleFunction<PageboxStats> log(ToLongFunction<PageboxStats.Log> f) {
        return stats -> f.applyAsLong(stats.log());
    }

    private static long bytes(PageboxStats.Pool pool) {
        return (long) pool.frames() * pool.pageSize();
    }

    private static long unsynced(PageboxStats.Log log) {
        return log.endLsn() - log.durableLsn();
    }

    private static double lastCheckpointNanos(PageboxStats stats) {
        return stats.checkpoints().lastDuration().toNanos();
    }

    private static double checkpointAgeMillis(PageboxStats stats) {
        Instant last = stats.checkpoints().lastCompleted();
        return last == null ? Double.NaN : Duration.between(last, Instant.now()).toMillis();
    }
}
