/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.testing;

import dev.pagebox.PageboxOptions;

/** Options for small test stores: 4 KiB pages, a pool of a few frames, a 1 MiB log that checkpoints often. */
public final class SmallStores {
    /** The page size of small stores. */
    public static final int PAGE_SIZE = 4096;

    private SmallStores() {}

    /**
     * A builder preset for a small store.
     *
     * @param frames pool frames of {@link #PAGE_SIZE} bytes
     * @return the builder, for further settings
     */
    public static PageboxOptions.Builder options(int frames) {
        return PageboxOptions.builder()
                .pageSize(PAGE_SIZE)
                .poolSize((long) frames * PAGE_SIZE)
                .walSegmentSize(1 << 20)
                .walBufferSize(1 << 20)
                .checkpointWalSize(1 << 20);
    }
}
