/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A snapshot of a histogram with power-of-two buckets: bucket 0 counts the value 0 and bucket {@code i > 0}
 * counts values in {@code [2^(i-1), 2^i)}.
 *
 * @param counts the count per bucket, {@value #BUCKETS} buckets
 */
public record Log2Histogram(long[] counts) {
    /** Number of buckets: enough for any non-negative {@code long}. */
    public static final int BUCKETS = 64;

    /** Copies the counts. */
    public Log2Histogram {
        counts = counts.clone();
    }

    /**
     * Returns the bucket a value falls into.
     *
     * @param value a non-negative value
     * @return its bucket
     */
    public static int bucketOf(long value) {
        return Long.SIZE - Long.numberOfLeadingZeros(Math.max(0, value));
    }

    /**
     * Returns the smallest value that no longer falls into a bucket.
     *
     * @param bucket the bucket
     * @return its exclusive upper bound ({@code 2^bucket})
     */
    public static long upperBound(int bucket) {
        return bucket >= Long.SIZE - 1 ? Long.MAX_VALUE : 1L << bucket;
    }

    /**
     * Returns how many values were recorded.
     *
     * @return the sum of all buckets
     */
    public long count() {
        return Arrays.stream(counts).sum();
    }

    /**
     * Returns how many values fell into a bucket.
     *
     * @param bucket the bucket
     * @return its count
     */
    public long count(int bucket) {
        return counts[bucket];
    }

    /**
     * Returns the number of values at or above a threshold's bucket.
     *
     * @param value a value
     * @return how many recorded values fell into its bucket or a higher one
     */
    public long countAtLeastBucketOf(long value) {
        long sum = 0;
        for (int i = bucketOf(value); i < BUCKETS; i++) {
            sum += counts[i];
        }
        return sum;
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Log2Histogram histogram && Arrays.equals(counts, histogram.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Log2Histogram[");
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                text.append(" <").append(upperBound(i)).append(':').append(counts[i]);
            }
        }
        return text.append(" ]").toString();
    }

    /** The live, thread-safe side: recorded by one thread, read by any. */
    static final class Recorder {
        private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

        void record(long value) {
            counts.incrementAndGet(bucketOf(value));
        }

        Log2Histogram snapshot() {
            long[] copy = new long[BUCKETS];
            for (int i = 0; i < BUCKETS; i++) {
                copy[i] = counts.get(i);
            }
            return new Log2Histogram(copy);
        }
    }
}
