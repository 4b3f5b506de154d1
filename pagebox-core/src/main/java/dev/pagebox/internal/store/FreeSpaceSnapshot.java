/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import java.util.Arrays;

/**
 * The allocator's state at a checkpoint: how many pages the data file covers and which of them are free,
 * as sorted, non-overlapping runs {@code [start, start + length)}.
 *
 * @param pageCount pages covered, header pages included
 * @param runStarts first page of each free run, ascending
 * @param runLengths pages in each free run
 */
public record FreeSpaceSnapshot(long pageCount, long[] runStarts, long[] runLengths) {

    /** Checks the runs and copies the arrays. */
    public FreeSpaceSnapshot {
        if (runStarts.length != runLengths.length) {
            throw new IllegalArgumentException("run arrays differ in length");
        }
        runStarts = runStarts.clone();
        runLengths = runLengths.clone();
        long end = 0;
        for (int i = 0; i < runStarts.length; i++) {
            if (runStarts[i] < end || runLengths[i] <= 0 || runStarts[i] + runLengths[i] > pageCount) {
                throw new IllegalArgumentException("free run " + i + " [" + runStarts[i] + ", +" + runLengths[i]
                        + ") overlaps, is empty or exceeds the page count " + pageCount);
            }
            end = runStarts[i] + runLengths[i];
        }
    }

    /**
     * Returns the number of free runs.
     *
     * @return the run count
     */
    public int runCount() {
        return runStarts.length;
    }

    /**
     * Returns the number of free pages.
     *
     * @return the sum of the run lengths
     */
    public long freePages() {
        return Arrays.stream(runLengths).sum();
    }

    @Override
    public long[] runStarts() {
        return runStarts.clone();
    }

    @Override
    public long[] runLengths() {
        return runLengths.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FreeSpaceSnapshot that
                && pageCount == that.pageCount
                && Arrays.equals(runStarts, that.runStarts)
                && Arrays.equals(runLengths, that.runLengths);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pageCount) * 31 + Arrays.hashCode(runStarts);
    }

    @Override
    public String toString() {
        return "FreeSpaceSnapshot[pageCount=" + pageCount + ", runs=" + runStarts.length + ", free=" + freePages()
                + "]";
    }
}
