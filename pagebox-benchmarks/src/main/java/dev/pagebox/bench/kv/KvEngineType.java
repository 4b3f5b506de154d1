/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.kv;

import java.util.function.Function;

/**
 * One engine the driver can run: its name on the command line, what it can promise, and how to open it.
 *
 * @param name the command-line name, lower case
 * @param persistent whether data survives close and reopen (false: skipped by the pressure and durable regimes)
 * @param cacheBounded whether the engine holds its cache to {@link EngineConfig#cacheBudgetBytes()}; LMDB's only
 *     cache is the OS page cache, which no engine setting can bound
 * @param opener opens or creates a store
 */
public record KvEngineType(
        String name, boolean persistent, boolean cacheBounded, Function<EngineConfig, KvEngine> opener) {

    /**
     * Opens or creates a store.
     *
     * @param config where and how
     * @return the open store
     */
    public KvEngine open(EngineConfig config) {
        return opener.apply(config);
    }
}
