/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.page;

/**
 * Page ids: the position of a page in the data file, {@code offset = pageId * pageSize}. A page id is a
 * plain {@code long} in {@code [0, MAX]}; the top bits are free so a swip can tag it (see {@code SwipWord}).
 *
 * <pre>
 *   63            46 45                                              0
 *   +---------------+------------------------------------------------+
 *   |  always zero  |                    page number                 |
 *   +---------------+------------------------------------------------+
 * </pre>
 *
 * Pages 0 and 1 hold the two header copies of the store, so no data page ever has id 0, and 0 doubles as
 * "no page" ({@link #NONE}).
 */
public final class PageIds {
    /** Number of bits of a page id: 2^46 pages of 64 KiB is 2^62 bytes, below {@code Long.MAX_VALUE}. */
    public static final int BITS = 46;

    /** The largest valid page id. */
    public static final long MAX = (1L << BITS) - 1;

    /** "No page": the id of header copy A, never a data page. */
    public static final long NONE = 0L;

    /** The first header copy. */
    public static final long HEADER_A = 0L;

    /** The second header copy. */
    public static final long HEADER_B = 1L;

    /** The first page that can hold data. */
    public static final long FIRST_DATA = 2L;

    private PageIds() {}

    /**
     * Tells whether a value is a data page id.
     *
     * @param pageId the value
     * @return whether it is in {@code [FIRST_DATA, MAX]}
     */
    public static boolean isDataPage(long pageId) {
        return pageId >= FIRST_DATA && pageId <= MAX;
    }

    /**
     * Checks a data page id.
     *
     * @param pageId the value
     * @return the page id
     * @throws IllegalArgumentException if it is not a data page id
     */
    public static long checkDataPage(long pageId) {
        if (!isDataPage(pageId)) {
            throw new IllegalArgumentException(
                    "page id " + pageId + " is not a data page id in [" + FIRST_DATA + ", " + MAX + "]");
        }
        return pageId;
    }

    /**
     * Returns the byte offset of a page in the data file.
     *
     * @param pageId the page
     * @param pageSize the store's page size
     * @return {@code pageId * pageSize}
     */
    public static long fileOffset(long pageId, int pageSize) {
        return pageId * pageSize;
    }
}
