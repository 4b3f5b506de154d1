/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.generator;

import java.util.random.RandomGenerator;

/**
 * Picks record numbers. Implementations are shared by all client threads and thread-safe; each thread passes
 * its own random source, so a seeded run draws the same sequence per thread.
 */
public interface KeyChooser {
    /**
     * Draws the next record number.
     *
     * @param random the calling thread's random source
     * @return a record number
     */
    long next(RandomGenerator random);
}
