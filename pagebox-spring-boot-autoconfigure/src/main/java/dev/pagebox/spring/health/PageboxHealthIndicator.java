/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.health;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxState;
import dev.pagebox.PageboxStats;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of a Pagebox store: UP while it takes writes, DOWN once an I/O failure fenced it read-only (with the
 * failure, when an {@link IoFailureRecorder} watched the store's files), OUT_OF_SERVICE once it is closed. Reads
 * the store's in-memory state and counters, plus the free space of its file system.
 *
 * <p>Details: {@code state}, {@code directory}, {@code diskFree} (bytes), {@code pool} (frames, used, dirty, page
 * size), {@code walBytesSinceCheckpoint}, {@code lastCheckpointAge} (ISO-8601), {@code recovery} (what the last
 * open replayed) and, when fenced, {@code cause}.
 */
public class PageboxHealthIndicator extends AbstractHealthIndicator {
    private final Pagebox pagebox;
    private final @Nullable IoFailureRecorder failures;
    private final Clock clock;

    /**
     * Creates the indicator.
     *
     * @param pagebox the store
     * @param failures the recorder the store's channels report to, or null if none watches them
     */
    public PageboxHealthIndicator(Pagebox pagebox, @Nullable IoFailureRecorder failures) {
        this(pagebox, failures, Clock.systemUTC());
    }

    PageboxHealthIndicator(Pagebox pagebox, @Nullable IoFailureRecorder failures, Clock clock) {
        super("Pagebox health check failed");
        this.pagebox = pagebox;
        this.failures = failures;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        PageboxStats stats;
        try {
            stats = pagebox.stats();
        } catch (PageboxClosedException e) {
            builder.outOfService().withDetail("state", PageboxState.CLOSED);
            return;
        }
        switch (stats.state()) {
            case HEALTHY -> builder.up();
            case FENCED -> fenced(builder);
            case CLOSED -> builder.outOfService();
        }
        builder.withDetail("state", stats.state())
                .withDetail("directory", stats.directory().toString());
        diskFree(builder, stats);
        builder.withDetail("pool", pool(stats.pool()))
                .withDetail("walBytesSinceCheckpoint", stats.log().bytesSinceCheckpoint());
        Instant lastCheckpoint = stats.checkpoints().lastCompleted();
        if (lastCheckpoint != null) {
            builder.withDetail(
                    "lastCheckpointAge",
                    Duration.between(lastCheckpoint, clock.instant()).toString());
        }
        builder.withDetail("recovery", stats.recovery().toString());
    }

    private void fenced(Health.Builder builder) {
        builder.down();
        if (failures != null) {
            failures.firstFailure().ifPresent(failure -> builder.withDetail("cause", failure.toString()));
        }
    }

    private static void diskFree(Health.Builder builder, PageboxStats stats) {
        try {
            builder.withDetail("diskFree", Files.getFileStore(stats.directory()).getUsableSpace());
        } catch (IOException e) {
            builder.withDetail("diskFree", "unknown: " + e.getMessage());
        }
    }

    private static Map<String, Object> pool(PageboxStats.Pool pool) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("frames", pool.frames());
        details.put("used", pool.frames() - pool.freeFrames());
        details.put("dirty", pool.dirtyFrames());
        details.put("pageSize", pool.pageSize());
        return details;
    }
}
