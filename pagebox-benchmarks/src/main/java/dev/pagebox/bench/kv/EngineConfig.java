/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.kv;

import java.nio.file.Path;

/**
 * How to open a store.
 *
 * @param directory the store's directory; created if missing, reopened if it holds a store
 * @param cacheBudgetBytes memory the engine may use to cache data (its block or page cache)
 * @param durable whether every {@link KvEngine#put} must be on stable storage before it returns
 * @param maxThreads the most threads that will call the store at once (LMDB sizes its reader table by it)
 */
public record EngineConfig(Path directory, long cacheBudgetBytes, boolean durable, int maxThreads) {
    /** Validates the settings. */
    public EngineConfig {
        if (cacheBudgetBytes < 1 << 20) {
            throw new IllegalArgumentException("cache budget must be at least 1 MiB, got " + cacheBudgetBytes);
        }
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be positive, got " + maxThreads);
        }
    }
}
