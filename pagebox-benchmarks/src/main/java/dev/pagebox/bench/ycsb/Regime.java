/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.util.Locale;

/** The conditions a cell runs under. */
public enum Regime {
    /** The data fits the cache budget; caches are warmed by reading every record before timing. */
    RESIDENT,
    /**
     * The data is at least four times the cache budget; the store is reopened after the load and the OS page
     * cache is dropped before timing, so reads start cold.
     */
    PRESSURE,
    /** Every write is acknowledged only once durable; the data fits the budget. */
    DURABLE;

    /**
     * Returns the command-line and report name.
     *
     * @return the lower-case name
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a command-line name.
     *
     * @param label the name, case-insensitive
     * @return the regime
     */
    public static Regime of(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
