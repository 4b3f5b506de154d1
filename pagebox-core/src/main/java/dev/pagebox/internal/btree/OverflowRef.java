/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import java.lang.foreign.MemorySegment;

/**
 * What a leaf stores instead of a value too large to keep inline: 16 bytes, the value's length and the first
 * page of its {@link OverflowPageLayout} chain, both little-endian.
 *
 * @param length the value's length in bytes
 * @param firstPageId the first overflow page
 */
record OverflowRef(long length, long firstPageId) {
    /** Bytes a reference takes in a leaf. */
    static final int SIZE = 16;

    static OverflowRef read(MemorySegment page, long offset) {
        return new OverflowRef(NodeLayout.longAt(page, offset), NodeLayout.longAt(page, offset + 8));
    }

    MemorySegment encode() {
        MemorySegment bytes = MemorySegment.ofArray(new byte[SIZE]);
        NodeLayout.putLong(bytes, 0, length);
        NodeLayout.putLong(bytes, 8, firstPageId);
        return bytes;
    }
}
