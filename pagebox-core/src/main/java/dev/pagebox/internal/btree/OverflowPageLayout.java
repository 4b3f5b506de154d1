/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.page.PageHeaderLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * An overflow page: one chunk of a value too large for a leaf, little-endian, after the 32-byte
 * page header ({@link PageHeaderLayout}, type {@code OVERFLOW}; the offsets below are derived from its size).
 *
 * <pre>
 *   32              40      44      48
 *   +---------------+-------+-------+------------------------------------------+
 *   | next page id  | length|  (0)  |  chunk bytes                             |
 *   +---------------+-------+-------+------------------------------------------+
 * </pre>
 *
 * A value's chunks form a chain from the page its {@link OverflowRef} names; the last page's next id is 0.
 * Overflow pages bypass the buffer pool: they are written once, synced before the leaf record that references
 * them is logged, never changed, and freed only once the record that drops the reference is durable.
 */
final class OverflowPageLayout {
    private static final ValueLayout.OfLong LE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final long NEXT = PageHeaderLayout.SIZE;
    private static final long LENGTH = NEXT + 8;

    /** Where the chunk starts. */
    static final int DATA = (int) NEXT + 16;

    private OverflowPageLayout() {}

    static int capacity(int pageSize) {
        return pageSize - DATA;
    }

    static long next(MemorySegment page) {
        return page.get(LE_LONG, NEXT);
    }

    static int length(MemorySegment page) {
        return page.get(LE_INT, LENGTH);
    }

    static void write(MemorySegment page, long next, int length) {
        page.set(LE_LONG, NEXT, next);
        page.set(LE_INT, LENGTH, length);
    }
}
