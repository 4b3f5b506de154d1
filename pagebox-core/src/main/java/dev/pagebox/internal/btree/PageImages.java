/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.wal.LogClaim;
import java.lang.foreign.MemorySegment;

/**
 * The page images in tree log records, in their on-disk form ({@link Frames#copyInDiskForm}) without the node's
 * free gap between its slots and its heap (little-endian):
 *
 * <pre>
 *   pageSize u32 | gapStart u32 | gapEnd u32 | bytes [0, gapStart) | bytes [gapEnd, pageSize)
 * </pre>
 *
 * The gap holds no live byte (a node reads its header, slots {@code [0, count)} and heap {@code [heapTop, end)}),
 * so redo restores it as zeros. A node half full after a split is logged in about half a page.
 */
final class PageImages {
    /** The bytes before the page's bytes. */
    static final int HEADER = 12;

    private PageImages() {}

    /** The bytes of the image of the node in {@code frame} (held latched). */
    static int size(Frames frames, int frame) {
        MemorySegment page = frames.page(frame);
        int gapStart = gapStart(page);
        return HEADER + frames.pageSize() - (gapEnd(page, gapStart) - gapStart);
    }

    /**
     * Writes the image of the node in {@code frame} (held latched, unchanged since {@link #size}) into a claim.
     *
     * @param claim a claim with {@link #size} bytes left for the image
     */
    static void put(LogClaim claim, Frames frames, int frame) {
        MemorySegment page = frames.page(frame);
        int pageSize = frames.pageSize();
        int gapStart = gapStart(page);
        int gapEnd = gapEnd(page, gapStart);
        claim.putInt(pageSize).putInt(gapStart).putInt(gapEnd);
        frames.copyInDiskForm(frame, claim.reserve(pageSize - (gapEnd - gapStart)), gapStart, gapEnd);
    }

    /**
     * Reads an image into a whole page.
     *
     * @param in the record, positioned at the image
     * @return a page of the image's page size, its gap zeros
     * @throws IndexOutOfBoundsException if the image's sizes do not fit each other or the record (damage)
     */
    static MemorySegment read(TreeRecords.Reader in) {
        int pageSize = in.i32();
        int gapStart = in.i32();
        int gapEnd = in.i32();
        if (pageSize <= 0 || gapStart < 0 || gapStart > gapEnd || gapEnd > pageSize) {
            throw new IndexOutOfBoundsException(
                    "image of page size " + pageSize + " with gap [" + gapStart + ", " + gapEnd + ")");
        }
        MemorySegment page = MemorySegment.ofArray(new long[(pageSize + Long.BYTES - 1) / Long.BYTES])
                .asSlice(0, pageSize);
        MemorySegment bytes = in.rest(pageSize - (gapEnd - gapStart));
        MemorySegment.copy(bytes, 0, page, 0, gapStart);
        MemorySegment.copy(bytes, gapStart, page, gapEnd, pageSize - gapEnd);
        return page;
    }

    /** Where the node's free gap starts: after its slots (the whole page for a count that does not fit). */
    private static int gapStart(MemorySegment page) {
        long end = NodeLayout.slot(Node.slotSize(page), NodeLayout.count(page));
        return end <= page.byteSize() ? (int) end : (int) page.byteSize();
    }

    /** Where the gap ends: the heap's top, never before the gap's start. */
    private static int gapEnd(MemorySegment page, int gapStart) {
        int top = NodeLayout.heapTop(page);
        return top >= gapStart && top <= page.byteSize() ? top : gapStart;
    }
}
