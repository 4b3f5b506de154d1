/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring;

import dev.pagebox.PageboxOptions;
import dev.pagebox.testing.SmallStores;
import java.nio.file.Path;

/** {@code pagebox.*} properties for a small, fast test store: those of core's {@link SmallStores}. */
public final class SmallStoreProperties {
    /** Buffer pool frames of a small store. */
    public static final int FRAMES = 32;

    private SmallStoreProperties() {}

    /**
     * The properties for a small store in {@code directory}.
     *
     * @param directory the data directory
     * @return {@code name=value} pairs
     */
    public static String[] of(Path directory) {
        return new String[] {
            "pagebox.data-directory=" + directory,
            "pagebox.pool-size=" + FRAMES * SmallStores.PAGE_SIZE + "B",
            "pagebox.page-size=" + SmallStores.PAGE_SIZE + "B",
            "pagebox.wal.segment-size=1MB",
            "pagebox.wal.buffer-size=1MB",
            "pagebox.checkpoint.max-wal-size=1MB"
        };
    }

    /** Options equal to what {@link #of} configures, for opening the same store outside Spring. */
    public static PageboxOptions options() {
        return SmallStores.options(FRAMES).build();
    }
}
