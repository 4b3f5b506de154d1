/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongConsumer;

/**
 * The log records of dropping a tree (little-endian):
 *
 * <pre>
 *   DROP_BEGIN (65)  treeId u32 | rootPageId u64     appended before the catalog entry is removed
 *   DROP_PAGES (66)  treeId u32 | count u32 | pageId u64 * count   pages the drop frees (as many as needed)
 *   DROP_END   (67)  treeId u32                      every page of the tree is in a DROP_PAGES record
 * </pre>
 *
 * The pages go back to the allocator only once {@code DROP_END} is durable, so until then none of them is
 * reused and the tree stays intact on disk. Recovery frees the pages of a drop when it reaches its
 * {@code DROP_END}, and finishes a drop whose {@code DROP_END} is missing by walking the tree again once redo
 * has brought every page up to date (its {@code DROP_PAGES} records are then ignored).
 */
final class DropRecords {
    static final int BEGIN = 65;
    static final int PAGES = 66;
    static final int END = 67;

    private DropRecords() {}

    static boolean handles(int type) {
        return type == BEGIN || type == PAGES || type == END;
    }

    static MemorySegment begin(int treeId, long rootPageId) {
        return MemorySegment.ofArray(ByteBuffer.allocate(12)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(treeId)
                .putLong(rootPageId)
                .array());
    }

    static MemorySegment end(int treeId) {
        return MemorySegment.ofArray(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(treeId)
                .array());
    }

    /** The most page ids one {@code DROP_PAGES} record of at most {@code maxPayload} bytes carries. */
    static int pagesPerRecord(int maxPayload) {
        return (maxPayload - 2 * Integer.BYTES) / Long.BYTES;
    }

    static MemorySegment pages(int treeId, long[] pageIds, int from, int count) {
        ByteBuffer buffer =
                ByteBuffer.allocate(2 * Integer.BYTES + count * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(treeId).putInt(count);
        for (int i = from; i < from + count; i++) {
            buffer.putLong(pageIds[i]);
        }
        return MemorySegment.ofArray(buffer.array());
    }

    /** The tree a record of any of the three types is about. */
    static int treeId(MemorySegment payload) {
        return read(payload).getInt();
    }

    static long rootPageId(MemorySegment payload) {
        return read(payload).getLong(Integer.BYTES);
    }

    static void forEachPage(MemorySegment payload, LongConsumer sink) {
        ByteBuffer buffer = read(payload);
        int count = buffer.getInt(Integer.BYTES);
        buffer.position(2 * Integer.BYTES);
        for (int i = 0; i < count; i++) {
            sink.accept(buffer.getLong());
        }
    }

    private static ByteBuffer read(MemorySegment payload) {
        return payload.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }
}
