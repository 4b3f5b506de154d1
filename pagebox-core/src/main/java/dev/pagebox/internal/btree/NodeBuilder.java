/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.swip.SwipWord;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Lays out a node from scratch: fences first, then entries appended in key order, each key re-truncated to the
 * new prefix. Splits, merges, root splits and compaction all build their nodes this way, at run time and in
 * redo alike, so both produce the same bytes. Sources are never the page being built (callers copy it away
 * first).
 */
final class NodeBuilder {
    private final MemorySegment page;
    private final boolean leaf;
    private final int slotSize;
    private final int prefix;
    private final byte @Nullable [] lowerFence;
    private int count;
    private int heapTop;

    private NodeBuilder(MemorySegment page, boolean leaf, byte @Nullable [] lower, byte @Nullable [] upper) {
        this.page = page;
        this.leaf = leaf;
        this.slotSize = leaf ? NodeLayout.LEAF_SLOT : NodeLayout.INNER_SLOT;
        this.lowerFence = lower;
        this.heapTop = (int) page.byteSize();
        this.prefix = lower == null || upper == null ? 0 : commonPrefix(lower, upper);
    }

    /**
     * Starts a node in {@code page}, keeping its page header (id, tree, LSN) but its type. Everything after the
     * header is cleared.
     *
     * @param lower the lower fence, exclusive; null for none
     * @param upper the upper fence, inclusive; null for none
     */
    static NodeBuilder start(
            MemorySegment page, boolean leaf, int level, byte @Nullable [] lower, byte @Nullable [] upper) {
        page.asSlice(PageHeaderLayout.SIZE).fill((byte) 0);
        PageHeaderLayout.setType(page, leaf ? PageType.BTREE_LEAF : PageType.BTREE_INNER);
        NodeBuilder builder = new NodeBuilder(page, leaf, lower, upper);
        NodeLayout.setLevel(page, level);
        int flags = (lower == null ? NodeLayout.LOWER_INFINITE : 0) | (upper == null ? NodeLayout.UPPER_INFINITE : 0);
        NodeLayout.setFlags(page, flags);
        if (upper != null) {
            int offset = builder.allocate(upper.length);
            MemorySegment.copy(MemorySegment.ofArray(upper), 0, page, offset, upper.length);
            NodeLayout.setUpperFence(page, offset, upper.length);
        }
        if (lower != null) {
            int offset = builder.allocate(lower.length);
            MemorySegment.copy(MemorySegment.ofArray(lower), 0, page, offset, lower.length);
            NodeLayout.setLowerFence(page, offset, lower.length);
        }
        NodeLayout.setPrefixLength(page, builder.prefix);
        NodeLayout.setUpperSwipWord(page, leaf ? 0 : SwipWord.NONE);
        builder.publish();
        return builder;
    }

    /** Copies slots {@code [from, to)} of a source node of the same kind, in order. */
    NodeBuilder addFrom(MemorySegment source, int from, int to) {
        int sourcePrefix = NodeLayout.prefixLength(source);
        int sourceSlotSize = Node.slotSize(source);
        int sourceLower = NodeLayout.lowerFenceOffset(source);
        for (int index = from; index < to; index++) {
            long sourceSlot = NodeLayout.slot(sourceSlotSize, index);
            int offset = NodeLayout.entryOffset(source, sourceSlot);
            int suffix = NodeLayout.keyLength(source, sourceSlot);
            int valueWord = leaf ? NodeLayout.valueWord(source, sourceSlot) : 0;
            int valueLength = leaf ? valueWord & ~NodeLayout.OVERFLOW_FLAG : 0;
            int keyLength = sourcePrefix + suffix - prefix;
            int entry = allocate(keyLength + valueLength);
            if (sourcePrefix >= prefix) {
                // Part of the source prefix comes back into the suffix.
                int fromPrefix = sourcePrefix - prefix;
                MemorySegment.copy(source, sourceLower + prefix, page, entry, fromPrefix);
                MemorySegment.copy(source, offset, page, entry + fromPrefix, suffix + valueLength);
            } else {
                int cut = prefix - sourcePrefix;
                MemorySegment.copy(source, offset + cut, page, entry, suffix - cut + valueLength);
            }
            appendSlot(entry, keyLength, valueWord);
            if (!leaf) {
                NodeLayout.putLong(
                        page,
                        NodeLayout.swipOffset(NodeLayout.slot(slotSize, count - 1)),
                        Node.swip(source, NodeLayout.swipOffset(sourceSlot)));
            }
        }
        publish();
        return this;
    }

    /**
     * Appends a leaf entry: a full key and what its slot stores (the value, or an {@link OverflowRef}), for a bulk
     * load, which builds leaves from sorted input ({@link BulkLoader}).
     *
     * @param valueWord the slot's value word: the inline length, or {@link OverflowRef#SIZE} with the overflow flag
     */
    NodeBuilder addLeaf(byte[] key, MemorySegment inline, int valueWord) {
        int keyLength = key.length - prefix;
        int entry = allocate(keyLength + (int) inline.byteSize());
        MemorySegment.copy(MemorySegment.ofArray(key), prefix, page, entry, keyLength);
        MemorySegment.copy(inline, 0, page, entry + keyLength, inline.byteSize());
        appendSlot(entry, keyLength, valueWord);
        publish();
        return this;
    }

    /** Appends an inner entry: a full separator key and its child swip. */
    NodeBuilder addInner(byte[] key, long swip) {
        int keyLength = key.length - prefix;
        int entry = allocate(keyLength);
        MemorySegment.copy(MemorySegment.ofArray(key), prefix, page, entry, keyLength);
        appendSlot(entry, keyLength, 0);
        NodeLayout.putLong(page, NodeLayout.swipOffset(NodeLayout.slot(slotSize, count - 1)), swip);
        publish();
        return this;
    }

    /** Sets an inner node's upper swip. */
    NodeBuilder upper(long swip) {
        NodeLayout.setUpperSwipWord(page, swip);
        return this;
    }

    private void appendSlot(int entry, int keyLength, int valueWord) {
        long slot = NodeLayout.slot(slotSize, count);
        if (slot + slotSize > heapTop) {
            throw new IllegalStateException("node overflow while building page " + PageHeaderLayout.pageId(page));
        }
        long head = NodeLayout.headOf(page, entry, keyLength);
        NodeLayout.writeSlot(page, slot, head, entry, keyLength, valueWord);
        count++;
    }

    private int allocate(int bytes) {
        heapTop -= bytes;
        if (heapTop < NodeLayout.slot(slotSize, count + 1)) {
            throw new IllegalStateException("node overflow while building page " + PageHeaderLayout.pageId(page));
        }
        return heapTop;
    }

    private void publish() {
        NodeLayout.setCount(page, count);
        NodeLayout.setHeapTop(page, heapTop);
        NodeLayout.setGarbage(page, 0);
    }

    /** The prefix keys in the node share. */
    int prefix() {
        return prefix;
    }

    byte @Nullable [] lowerFence() {
        return lowerFence;
    }

    static int commonPrefix(byte[] a, byte[] b) {
        int mismatch = Arrays.mismatch(a, b);
        return mismatch < 0 ? a.length : mismatch;
    }

    /** Bytes a node with these fences needs before any entry. */
    static int baseBytes(byte @Nullable [] lower, byte @Nullable [] upper) {
        return NodeLayout.SLOTS + (lower == null ? 0 : lower.length) + (upper == null ? 0 : upper.length);
    }
}
