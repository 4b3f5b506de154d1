/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

/** How a workload picks existing records (YCSB's {@code requestdistribution}). */
public enum KeyDistribution {
    /** Every record equally likely. */
    UNIFORM,
    /** Scrambled zipfian, theta 0.99: a few records take most of the requests, spread over the key space. */
    ZIPFIAN,
    /** Zipfian over recency: the newest records are the most popular. */
    LATEST
}
