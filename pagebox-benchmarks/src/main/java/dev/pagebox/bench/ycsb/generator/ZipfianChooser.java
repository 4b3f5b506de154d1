/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.generator;

import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Zipfian-distributed ranks {@code 0..n-1}, rank 0 the most popular, by the rejection-free method of Gray et
 * al., "Quickly Generating Billion-Record Synthetic Databases" (SIGMOD 1994), as YCSB's
 * {@code ZipfianGenerator} uses it. With {@code zetan = sum(1 / i^theta, i = 1..n)}, a uniform {@code u} maps to
 * rank 0 if {@code u * zetan < 1}, to rank 1 if it is below {@code 1 + 0.5^theta}, and otherwise to
 * {@code n * (eta * u - eta + 1)^(1 / (1 - theta))} with {@code eta = (1 - (2/n)^(1-theta)) /
 * (1 - zeta(2)/zetan)}.
 *
 * <p>The item count may grow between draws ({@link #next(RandomGenerator, long)}, used by the "latest"
 * distribution); {@code zetan} is then extended incrementally by the new terms, under a lock, and published as an
 * immutable snapshot so that draws never block.
 */
public final class ZipfianChooser implements KeyChooser {
    /** YCSB's default skew. */
    public static final double DEFAULT_THETA = 0.99;

    private final double theta;
    private final double alpha;
    private final double zeta2;
    private final double secondRankBound;
    private final ReentrantLock growLock = new ReentrantLock();
    private volatile Snapshot snapshot;

    private record Snapshot(long items, double zetan, double eta) {}

    /**
     * Creates a chooser over {@code items} ranks, computing {@code zetan} term by term.
     *
     * @param items the number of ranks, positive
     * @param theta the skew, in (0, 1)
     */
    public ZipfianChooser(long items, double theta) {
        this(items, theta, zeta(0, items, theta, 0));
    }

    /**
     * Creates a chooser with a precomputed {@code zetan}, for item counts too large to sum.
     *
     * @param items the number of ranks, positive
     * @param theta the skew, in (0, 1)
     * @param zetan {@code sum(1 / i^theta, i = 1..items)}
     */
    public ZipfianChooser(long items, double theta, double zetan) {
        if (items < 1 || !(theta > 0 && theta < 1)) {
            throw new IllegalArgumentException("need items >= 1 and 0 < theta < 1, got " + items + ", " + theta);
        }
        this.theta = theta;
        this.alpha = 1 / (1 - theta);
        this.zeta2 = zeta(0, 2, theta, 0);
        this.secondRankBound = 1 + Math.pow(0.5, theta);
        this.snapshot = snapshot(items, zetan);
    }

    private Snapshot snapshot(long items, double zetan) {
        double eta = (1 - Math.pow(2.0 / items, 1 - theta)) / (1 - zeta2 / zetan);
        return new Snapshot(items, zetan, eta);
    }

    /** Adds the terms {@code 1 / i^theta} for {@code i = from+1 .. to} to {@code sum}. */
    static double zeta(long from, long to, double theta, double sum) {
        double total = sum;
        for (long i = from; i < to; i++) {
            total += 1 / Math.pow(i + 1, theta);
        }
        return total;
    }

    /**
     * Returns the number of ranks of the latest draw.
     *
     * @return the item count
     */
    public long items() {
        return snapshot.items;
    }

    @Override
    public long next(RandomGenerator random) {
        return draw(snapshot, random.nextDouble());
    }

    /**
     * Draws a rank in {@code 0..items-1}, first growing the item count if it is larger than before.
     *
     * @param random the calling thread's random source
     * @param items the current item count; smaller counts than the largest seen so far are not supported
     * @return a rank
     */
    public long next(RandomGenerator random, long items) {
        Snapshot current = snapshot;
        if (items > current.items) {
            current = grow(items);
        }
        return draw(current, random.nextDouble());
    }

    private Snapshot grow(long items) {
        growLock.lock();
        try {
            Snapshot current = snapshot;
            if (items > current.items) {
                current = snapshot(items, zeta(current.items, items, theta, current.zetan));
                snapshot = current;
            }
            return current;
        } finally {
            growLock.unlock();
        }
    }

    private long draw(Snapshot state, double u) {
        double uz = u * state.zetan;
        if (uz < 1) {
            return 0;
        }
        if (uz < secondRankBound) {
            return 1;
        }
        long rank = (long) (state.items * Math.pow(state.eta * u - state.eta + 1, alpha));
        return Math.min(rank, state.items - 1);
    }
}
