/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.generator;

import java.util.random.RandomGenerator;

/** Every record in {@code [lowest, highest]} equally likely (YCSB's {@code uniform}). */
public final class UniformChooser implements KeyChooser {
    private final long lowest;
    private final long span;

    /**
     * Creates a chooser over an inclusive range.
     *
     * @param lowest the smallest record number
     * @param highest the largest record number, at least {@code lowest}
     */
    public UniformChooser(long lowest, long highest) {
        if (highest < lowest) {
            throw new IllegalArgumentException("empty range [" + lowest + ", " + highest + "]");
        }
        this.lowest = lowest;
        this.span = highest - lowest + 1;
    }

    @Override
    public long next(RandomGenerator random) {
        return lowest + random.nextLong(span);
    }
}
