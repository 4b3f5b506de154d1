/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import dev.pagebox.FileChannelFactory;

/**
 * How to open a page store.
 *
 * @param pageSize page size for a new store; an existing store must have this size, or 0 to accept any
 * @param directIo open the data file with {@code O_DIRECT} (page buffers must then be block-aligned)
 * @param channels opens the store's files (the default opens real files; tests inject faults)
 */
public record PageStoreConfig(int pageSize, boolean directIo, FileChannelFactory channels, boolean readOnly) {
    /** The page size of new stores unless configured otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 16384;

    /** Checks the page size. */
    public PageStoreConfig {
        if (pageSize != 0 && !StoreHeaderLayout.isValidPageSize(pageSize)) {
            throw new IllegalArgumentException("page size " + pageSize + " must be a power of two between "
                    + StoreHeaderLayout.MIN_PAGE_SIZE + " and " + StoreHeaderLayout.MAX_PAGE_SIZE);
        }
    }

    /**
     * A configuration that opens the store for writing.
     *
     * @param pageSize the page size of a new store, or 0 for the store's own
     * @param directIo whether the data file bypasses the page cache
     * @param channels how files are opened
     */
    public PageStoreConfig(int pageSize, boolean directIo, FileChannelFactory channels) {
        this(pageSize, directIo, channels, false);
    }

    /**
     * Returns the configuration for real files, buffered I/O and the given page size.
     *
     * @param pageSize the page size of a new store
     * @return the configuration
     */
    public static PageStoreConfig of(int pageSize) {
        return new PageStoreConfig(pageSize, false, FileChannelFactory.DEFAULT);
    }
}
