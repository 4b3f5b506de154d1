/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Settings of a {@link BufferPool}.
 *
 * @param budgetBytes memory for page frames; the pool holds {@code budgetBytes / pageSize} frames and never
 *     more
 * @param pageSize the store's page size
 * @param coolingPercent share of the frames kept in the cooling stage, in percent (LeanStore uses about 10)
 * @param freePercent share of the frames the page provider keeps free ahead of need, in percent
 * @param frameWaitTimeout how long a caller waits for a free frame before {@code BufferPoolExhaustedException}
 * @param backgroundProvider whether a background thread cools, writes and evicts ahead of need (tests may turn
 *     it off to make eviction happen only in the foreground)
 * @param threads creates the page provider's thread (the engine's may pin it to CPUs); it names the thread
 */
public record BufferPoolConfig(
        long budgetBytes,
        int pageSize,
        int coolingPercent,
        int freePercent,
        Duration frameWaitTimeout,
        boolean backgroundProvider,
        ThreadFactory threads) {

    /** The fewest frames a pool works with: a root, a path to a leaf, a sibling and a new page. */
    public static final int MIN_FRAMES = 8;

    /** Settings whose page provider is an ordinary platform thread. */
    public BufferPoolConfig(
            long budgetBytes,
            int pageSize,
            int coolingPercent,
            int freePercent,
            Duration frameWaitTimeout,
            boolean backgroundProvider) {
        this(
                budgetBytes,
                pageSize,
                coolingPercent,
                freePercent,
                frameWaitTimeout,
                backgroundProvider,
                Thread.ofPlatform().factory());
    }

    /** Validates the settings. */
    public BufferPoolConfig {
        Objects.requireNonNull(threads, "threads");
        if (Integer.bitCount(pageSize) != 1 || pageSize < 4096) {
            throw new IllegalArgumentException("page size " + pageSize + " is not a power of two >= 4096");
        }
        if (budgetBytes / pageSize < MIN_FRAMES) {
            throw new IllegalArgumentException("pool budget " + budgetBytes + " bytes holds fewer than " + MIN_FRAMES
                    + " pages of " + pageSize + " bytes");
        }
        if (budgetBytes / pageSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pool budget " + budgetBytes + " bytes is more than 2^31 pages");
        }
        if (coolingPercent < 1 || coolingPercent > 50) {
            throw new IllegalArgumentException("cooling percentage " + coolingPercent + " is outside [1, 50]");
        }
        if (freePercent < 1 || freePercent > 25) {
            throw new IllegalArgumentException("free-frame percentage " + freePercent + " is outside [1, 25]");
        }
        if (frameWaitTimeout.isNegative() || frameWaitTimeout.isZero()) {
            throw new IllegalArgumentException("frame wait timeout must be positive: " + frameWaitTimeout);
        }
    }

    /**
     * The usual settings for a budget.
     *
     * @param budgetBytes memory for page frames
     * @param pageSize the store's page size
     * @return 10 % cooling, 1 % free ahead, 30 s frame wait, background provider on
     */
    public static BufferPoolConfig of(long budgetBytes, int pageSize) {
        return of(budgetBytes, pageSize, Thread.ofPlatform().factory());
    }

    /**
     * The usual settings for a budget, with the page provider's thread from {@code threads}.
     *
     * @param budgetBytes memory for page frames
     * @param pageSize the store's page size
     * @param threads creates the page provider's thread (the engine's may pin it to CPUs)
     * @return 10 % cooling, 1 % free ahead, 30 s frame wait, background provider on
     */
    public static BufferPoolConfig of(long budgetBytes, int pageSize, ThreadFactory threads) {
        return new BufferPoolConfig(budgetBytes, pageSize, 10, 1, Duration.ofSeconds(30), true, threads);
    }

    /** The number of frames. */
    public int frameCount() {
        return (int) (budgetBytes / pageSize);
    }
}
