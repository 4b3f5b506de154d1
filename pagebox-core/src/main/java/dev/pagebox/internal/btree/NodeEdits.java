/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * Changes a node in place: insert and remove slots, compact the heap. The caller holds the frame exclusively
 * (or owns the page, in redo) and has checked that an insert fits ({@link Node#freeBytes}). Every edit is a
 * deterministic function of the page and its arguments, so redo reproduces the run-time bytes exactly.
 */
final class NodeEdits {
    private NodeEdits() {}

    /** Bytes a leaf entry for a key of {@code keyLength} needs in a node with {@code prefix}. */
    static int leafEntryBytes(int prefix, long keyLength, int inlineValueLength) {
        return NodeLayout.LEAF_SLOT + (int) keyLength - prefix + inlineValueLength;
    }

    /** Bytes an inner entry needs. */
    static int innerEntryBytes(int prefix, long keyLength) {
        return NodeLayout.INNER_SLOT + (int) keyLength - prefix;
    }

    /**
     * Inserts a leaf entry at {@code position}.
     *
     * @param key the full key, which must lie within the node's fences
     * @param inline the value bytes, or the overflow reference, stored in the heap
     * @param valueWord the slot's value word: the inline length, with {@link NodeLayout#OVERFLOW_FLAG} for a reference
     */
    static void insertLeaf(MemorySegment page, int position, MemorySegment key, MemorySegment inline, int valueWord) {
        int prefix = NodeLayout.prefixLength(page);
        int keyLength = (int) key.byteSize() - prefix;
        int entry = openSlot(page, position, NodeLayout.LEAF_SLOT, keyLength + (int) inline.byteSize());
        MemorySegment.copy(key, prefix, page, entry, keyLength);
        MemorySegment.copy(inline, 0, page, entry + keyLength, inline.byteSize());
        long slot = NodeLayout.slot(NodeLayout.LEAF_SLOT, position);
        NodeLayout.writeSlot(page, slot, NodeLayout.headOf(page, entry, keyLength), entry, keyLength, valueWord);
    }

    /** Inserts an inner entry at {@code position}: a full separator key and the swip of the child below it. */
    static void insertInner(MemorySegment page, int position, MemorySegment key, long swip) {
        int prefix = NodeLayout.prefixLength(page);
        int keyLength = (int) key.byteSize() - prefix;
        int entry = openSlot(page, position, NodeLayout.INNER_SLOT, keyLength);
        MemorySegment.copy(key, prefix, page, entry, keyLength);
        long slot = NodeLayout.slot(NodeLayout.INNER_SLOT, position);
        NodeLayout.writeSlot(page, slot, NodeLayout.headOf(page, entry, keyLength), entry, keyLength, 0);
        NodeLayout.putLong(page, NodeLayout.swipOffset(slot), swip);
    }

    /** Makes room for one slot at {@code position} and {@code bytes} of heap; returns the heap offset. */
    private static int openSlot(MemorySegment page, int position, int slotSize, int bytes) {
        int count = NodeLayout.count(page);
        if (NodeLayout.heapTop(page) - bytes < NodeLayout.slot(slotSize, count + 1)) {
            compact(page);
        }
        int heapTop = NodeLayout.heapTop(page) - bytes;
        if (heapTop < NodeLayout.slot(slotSize, count + 1)) {
            throw new IllegalStateException("no room for " + bytes + " bytes in node " + describe(page));
        }
        long slot = NodeLayout.slot(slotSize, position);
        MemorySegment.copy(page, slot, page, slot + slotSize, (long) (count - position) * slotSize);
        NodeLayout.setHeapTop(page, heapTop);
        NodeLayout.setCount(page, count + 1);
        return heapTop;
    }

    /** Removes slot {@code position}; its heap bytes become garbage. */
    static void removeSlot(MemorySegment page, int position) {
        int slotSize = Node.slotSize(page);
        int count = NodeLayout.count(page);
        long slot = NodeLayout.slot(slotSize, position);
        int entryBytes = NodeLayout.keyLength(page, slot)
                + (slotSize == NodeLayout.LEAF_SLOT ? Node.inlineValueLength(page, position) : 0);
        MemorySegment.copy(page, slot + slotSize, page, slot, (long) (count - position - 1) * slotSize);
        page.asSlice(NodeLayout.slot(slotSize, count - 1), slotSize).fill((byte) 0);
        NodeLayout.setCount(page, count - 1);
        NodeLayout.setGarbage(page, NodeLayout.garbage(page) + entryBytes);
    }

    /** Rewrites the heap without garbage; slots, fences and swips keep their meaning. */
    static void compact(MemorySegment page) {
        MemorySegment copy = copyOf(page);
        rebuild(page, copy, 0, NodeLayout.count(copy), Node.lowerFence(copy), Node.upperFence(copy));
    }

    /** Rebuilds {@code page} from slots {@code [from, to)} of {@code source} with new fences. */
    static NodeBuilder rebuild(
            MemorySegment page,
            MemorySegment source,
            int from,
            int to,
            byte @Nullable [] lower,
            byte @Nullable [] upper) {
        boolean leaf = Node.isLeaf(source);
        NodeBuilder builder = NodeBuilder.start(page, leaf, NodeLayout.level(source), lower, upper);
        builder.addFrom(source, from, to);
        if (!leaf) {
            builder.upper(NodeLayout.upperSwipWord(source));
        }
        return builder;
    }

    /** A heap copy of a page, 8-byte aligned like a frame (the page header's fields are aligned accesses). */
    static MemorySegment copyOf(MemorySegment page) {
        MemorySegment copy = MemorySegment.ofArray(new long[(int) page.byteSize() / Long.BYTES]);
        MemorySegment.copy(page, 0, copy, 0, page.byteSize());
        return copy;
    }

    static String describe(MemorySegment page) {
        return "page " + dev.pagebox.internal.page.PageHeaderLayout.pageId(page) + " (count " + NodeLayout.count(page)
                + ", heapTop " + NodeLayout.heapTop(page) + ", garbage " + NodeLayout.garbage(page) + ")";
    }
}
