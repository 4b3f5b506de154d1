/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The tree's write-ahead log records: their type codes and payloads (little-endian). Every payload starts with
 * the tree id. Page images are whole pages with every child swip unswizzled (page ids, as on disk).
 *
 * <pre>
 *   PUT          treeId u32 | page u64 | keyLen u16 | key | valueWord u32 | inlineLen u32 | inline bytes
 *                | allocated u32 | page ids u64... | freed u32 | page ids u64... | batch u64 | step u32
 *   DELETE       treeId | page | keyLen u16 | key | freed u32 | page ids... | batch u64 | step u32
 *   STEP         treeId | batch u64 | step u32           a batch step that changed nothing (a no-op delete)
 *   IMAGE        treeId | page | image                      full page image (first change after a checkpoint)
 *   SPLIT        treeId | parent | node | new | index u16 | sepLen u16 | separator | new page's image
 *   ROOT_SPLIT   treeId | root | left | right | sepLen u16 | separator | left image | right image
 *   MERGE        treeId | parent | slot u16 | left | right | right page's image after the merge
 *   ROOT_COLLAPSE treeId | root | child | root page's image after taking in its only child
 * </pre>
 *
 * A PUT's value word and inline bytes are what the leaf slot stores (the value, or an {@link OverflowRef} with
 * bit 31 set); allocated pages are the new value's overflow chain, freed pages the replaced one's. A SPLIT moves
 * slots {@code [0, index)} of {@code node} to {@code new} (inner nodes: slot {@code index} becomes the separator
 * and its child the new node's upper child) and inserts the separator with a swip to {@code new} into
 * {@code parent}. {@code batch} is the LSN of the atomic batch the change belongs to (0 for none, see
 * {@link BatchTag}). A MERGE removes {@code slot} (the separator of {@code left}) from {@code parent}, and frees
 * {@code left}, whose entries {@code right} now holds.
 */
final class TreeRecords {
    static final int PUT = 32;
    static final int DELETE = 33;
    static final int IMAGE = 34;
    static final int SPLIT = 35;
    static final int ROOT_SPLIT = 36;
    static final int MERGE = 37;
    static final int ROOT_COLLAPSE = 38;
    static final int STEP = 39;

    private static final long[] NO_PAGES = new long[0];

    private TreeRecords() {}

    static boolean isTreeRecord(int type) {
        return type >= PUT && type <= STEP;
    }

    static MemorySegment put(
            int treeId,
            long pageId,
            MemorySegment key,
            int valueWord,
            MemorySegment inline,
            long[] allocated,
            long[] freed,
            BatchTag tag) {
        ByteBuffer buffer = allocate(4
                + 8
                + 2
                + key.byteSize()
                + 4
                + 4
                + inline.byteSize()
                + 4
                + 8L * allocated.length
                + 4
                + 8L * freed.length
                + 12);
        buffer.putInt(treeId).putLong(pageId);
        putBytes(buffer, key, true);
        buffer.putInt(valueWord);
        buffer.putInt((int) inline.byteSize());
        putSegment(buffer, inline);
        putPages(buffer, allocated);
        putPages(buffer, freed);
        buffer.putLong(tag.batchLsn()).putInt(tag.step());
        return done(buffer);
    }

    static MemorySegment delete(int treeId, long pageId, MemorySegment key, long[] freed, BatchTag tag) {
        ByteBuffer buffer = allocate(4 + 8 + 2 + key.byteSize() + 4 + 8L * freed.length + 12);
        buffer.putInt(treeId).putLong(pageId);
        putBytes(buffer, key, true);
        putPages(buffer, freed);
        buffer.putLong(tag.batchLsn()).putInt(tag.step());
        return done(buffer);
    }

    static MemorySegment step(int treeId, BatchTag tag) {
        ByteBuffer buffer = allocate(4 + 12);
        buffer.putInt(treeId).putLong(tag.batchLsn()).putInt(tag.step());
        return done(buffer);
    }

    static MemorySegment image(int treeId, long pageId, MemorySegment image) {
        ByteBuffer buffer = allocate(4 + 8 + image.byteSize());
        buffer.putInt(treeId).putLong(pageId);
        putSegment(buffer, image);
        return done(buffer);
    }

    static MemorySegment split(
            int treeId, long parentId, long nodeId, long newId, int index, byte[] separator, MemorySegment image) {
        ByteBuffer buffer = allocate(4 + 24 + 2 + 2 + separator.length + image.byteSize());
        buffer.putInt(treeId).putLong(parentId).putLong(nodeId).putLong(newId);
        buffer.putShort((short) index).putShort((short) separator.length).put(separator);
        putSegment(buffer, image);
        return done(buffer);
    }

    static MemorySegment rootSplit(
            int treeId,
            long rootId,
            long leftId,
            long rightId,
            byte[] separator,
            MemorySegment left,
            MemorySegment right) {
        ByteBuffer buffer = allocate(4 + 24 + 2 + separator.length + left.byteSize() + right.byteSize());
        buffer.putInt(treeId).putLong(rootId).putLong(leftId).putLong(rightId);
        buffer.putShort((short) separator.length).put(separator);
        putSegment(buffer, left);
        putSegment(buffer, right);
        return done(buffer);
    }

    static MemorySegment merge(int treeId, long parentId, int slot, long leftId, long rightId, MemorySegment image) {
        ByteBuffer buffer = allocate(4 + 8 + 2 + 16 + image.byteSize());
        buffer.putInt(treeId)
                .putLong(parentId)
                .putShort((short) slot)
                .putLong(leftId)
                .putLong(rightId);
        putSegment(buffer, image);
        return done(buffer);
    }

    static MemorySegment rootCollapse(int treeId, long rootId, long childId, MemorySegment image) {
        ByteBuffer buffer = allocate(4 + 16 + image.byteSize());
        buffer.putInt(treeId).putLong(rootId).putLong(childId);
        putSegment(buffer, image);
        return done(buffer);
    }

    /** Copies a segment into the buffer (heap segments over long arrays cannot be viewed as byte buffers). */
    private static void putSegment(ByteBuffer buffer, MemorySegment segment) {
        int length = (int) segment.byteSize();
        MemorySegment.copy(segment, 0, MemorySegment.ofArray(buffer.array()), buffer.position(), length);
        buffer.position(buffer.position() + length);
    }

    private static ByteBuffer allocate(long size) {
        return ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putBytes(ByteBuffer buffer, MemorySegment bytes, boolean shortLength) {
        if (shortLength) {
            buffer.putShort((short) bytes.byteSize());
        } else {
            buffer.putInt((int) bytes.byteSize());
        }
        putSegment(buffer, bytes);
    }

    private static void putPages(ByteBuffer buffer, long[] pages) {
        buffer.putInt(pages.length);
        for (long page : pages) {
            buffer.putLong(page);
        }
    }

    private static MemorySegment done(ByteBuffer buffer) {
        if (buffer.hasRemaining()) {
            throw new IllegalStateException("record size miscomputed: " + buffer.remaining() + " bytes left");
        }
        return MemorySegment.ofArray(buffer.array());
    }

    /** Reads a payload front to back. */
    static final class Reader {
        private final ByteBuffer buffer;

        Reader(MemorySegment payload) {
            byte[] bytes = new byte[Math.toIntExact(payload.byteSize())];
            MemorySegment.copy(payload, 0, MemorySegment.ofArray(bytes), 0, bytes.length);
            this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        int u16() {
            return Short.toUnsignedInt(buffer.getShort());
        }

        int i32() {
            return buffer.getInt();
        }

        long i64() {
            return buffer.getLong();
        }

        byte[] bytes(int length) {
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return bytes;
        }

        long[] pages() {
            int count = buffer.getInt();
            if (count == 0) {
                return NO_PAGES;
            }
            long[] pages = new long[count];
            for (int i = 0; i < count; i++) {
                pages[i] = buffer.getLong();
            }
            return pages;
        }

        int remaining() {
            return buffer.remaining();
        }

        MemorySegment rest(int length) {
            return MemorySegment.ofArray(bytes(length));
        }
    }

    static long[] noPages() {
        return NO_PAGES;
    }
}
