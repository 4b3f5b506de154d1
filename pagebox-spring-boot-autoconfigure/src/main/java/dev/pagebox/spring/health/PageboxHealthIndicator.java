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
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of a Pagebox store: UP while it works as opened (taking writes, or serving reads if opened read-only),
 * DOWN while its disk is full ({@code DISK_FULL}: writes fail, reads go on, UP again by itself once there is room)
 * or once an I/O failure fenced it read-only ({@code FENCED}), with the failure as {@code cause}; OUT_OF_SERVICE
 * once it is closed. Reads the store's in-memory state and counters, plus the free space of its file system.
 *
 * <p>Details: {@code state}, {@code directory}, {@code readOnly} (whether the store was opened read-only: it is UP,
 * serving reads), {@code diskFree} (bytes), {@code pool} (frames, used, dirty, page size),
 * {@code walBytesSinceCheckpoint}, {@code lastCheckpointAge} (ISO-8601), {@code recovery} (what the last open
 * replayed), {@code nativeAccess} (whether Pagebox's native I/O is in use; if not, {@code nativeAccessMissing} says
 * what runs without it and how to enable it) and, when DOWN, {@code cause}. Running without native access is
 * slower, not broken: the status stays UP.
 */
public class PageboxHealthIndicator extends AbstractHealthIndicator {
    private final Pagebox pagebox;
    private final Clock clock;
    private final PageboxNativeAccess nativeAccess;

    /**
     * Creates the indicator.
     *
     * @param pagebox the store
     */
    public PageboxHealthIndicator(Pagebox pagebox) {
        this(pagebox, Clock.systemUTC(), PageboxNativeAccess.current());
    }

    PageboxHealthIndicator(Pagebox pagebox, Clock clock, PageboxNativeAccess nativeAccess) {
        super("Pagebox health check failed");
        this.pagebox = pagebox;
        this.clock = clock;
        this.nativeAccess = nativeAccess;
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
            case FENCED, DISK_FULL -> down(builder);
            case CLOSED -> builder.outOfService();
        }
        builder.withDetail("state", stats.state())
                .withDetail("directory", stats.directory().toString())
                .withDetail("readOnly", pagebox.options().readOnly());
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
        builder.withDetail("nativeAccess", nativeAccess.available());
        if (nativeAccess.missing() != null) {
            builder.withDetail("nativeAccessMissing", nativeAccess.missing());
        }
    }

    /** Fenced (a failed sync) or out of disk space: writes are refused, so DOWN with the cause. */
    private void down(Health.Builder builder) {
        builder.down();
        pagebox.failure().ifPresent(failure -> builder.withDetail("cause", describe(failure)));
    }

    /** The failure and its causes in one line, e.g. "cannot sync ...: Input/output error". */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
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
