/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.kv;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of engines the driver knows. Adding an engine means writing one adapter class with a
 * {@code TYPE} constant and listing it here.
 */
public final class KvEngines {
    private static final List<KvEngineType> AVAILABLE = List.of(
            PageboxEngine.TYPE,
            PageboxEngine.DIRECT_TYPE,
            RocksDbEngine.TYPE,
            LmdbEngine.TYPE,
            MvStoreEngine.TYPE,
            SkipListEngine.TYPE);

    private KvEngines() {}

    /**
     * Returns every registered engine, in report order.
     *
     * @return the engines
     */
    public static List<KvEngineType> available() {
        return AVAILABLE;
    }

    /**
     * Finds an engine by its command-line name.
     *
     * @param name the name, case-insensitive
     * @return the engine
     * @throws IllegalArgumentException naming the known engines if there is none by that name
     */
    public static KvEngineType byName(String name) {
        for (KvEngineType type : AVAILABLE) {
            if (type.name().equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; known: "
                + AVAILABLE.stream().map(KvEngineType::name).collect(Collectors.joining(", ")));
    }
}
