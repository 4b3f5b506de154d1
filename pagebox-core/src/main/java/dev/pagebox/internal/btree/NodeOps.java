/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The changes the log records describe, as functions of a node and the record's arguments: used at run time
 * under exclusive latches and by redo, so that both produce the same bytes.
 */
final class NodeOps {
    private NodeOps() {}

    /** Inserts or replaces a leaf entry; returns whether it replaced one. */
    static boolean put(MemorySegment leaf, MemorySegment key, int valueWord, MemorySegment inline) {
        return putAt(leaf, Node.search(leaf, key), key, valueWord, inline);
    }

    /**
     * {@link #put} at the position a search of this very leaf content returned (the caller searched it under a
     * latch it held since), sparing a second search.
     *
     * @param found {@link Node#search}'s result for {@code key}
     */
    static boolean putAt(MemorySegment leaf, int found, MemorySegment key, int valueWord, MemorySegment inline) {
        int position = found >>> 1;
        boolean exact = (found & 1) != 0;
        if (exact) {
            if (NodeLayout.valueWord(leaf, NodeLayout.slot(NodeLayout.LEAF_SLOT, position)) == valueWord) {
                // Same length and kind: overwrite in place, leaving no garbage to compact (the common update).
                MemorySegment.copy(inline, 0, leaf, Node.valueOffset(leaf, position), inline.byteSize());
                return true;
            }
            NodeEdits.removeSlot(leaf, position);
        }
        NodeEdits.insertLeaf(leaf, position, key, inline, valueWord);
        return exact;
    }

    /** Removes a leaf entry; returns whether it was there. */
    static boolean delete(MemorySegment leaf, MemorySegment key) {
        return deleteAt(leaf, Node.search(leaf, key));
    }

    /** {@link #delete} at the position a search of this very leaf content returned. */
    static boolean deleteAt(MemorySegment leaf, int found) {
        if ((found & 1) == 0) {
            return false;
        }
        NodeEdits.removeSlot(leaf, found >>> 1);
        return true;
    }

    /** Inserts a separator and the swip of the child holding the keys up to it into an inner node. */
    static void insertSeparator(MemorySegment parent, byte[] separator, long swip) {
        MemorySegment key = MemorySegment.ofArray(separator);
        int position = Node.search(parent, key) >>> 1;
        NodeEdits.insertInner(parent, position, key, swip);
    }

    /**
     * Picks where a full node splits: leaves by bytes, so both halves hold about the same amount; inner nodes in
     * the middle slot.
     *
     * @return the split index: the left node takes slots {@code [0, index)}
     */
    static int splitIndex(MemorySegment page) {
        int count = NodeLayout.count(page);
        if (!Node.isLeaf(page)) {
            return count / 2;
        }
        if (count < 2) {
            throw new IllegalStateException(
                    "cannot split a leaf of " + count + " entries: " + NodeEdits.describe(page));
        }
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += leafEntryBytes(page, i);
        }
        long left = 0;
        for (int i = 0; i < count - 1; i++) {
            left += leafEntryBytes(page, i);
            if (left * 2 >= total) {
                return Math.max(1, i + 1);
            }
        }
        return count - 1;
    }

    private static int leafEntryBytes(MemorySegment page, int index) {
        long slot = NodeLayout.slot(NodeLayout.LEAF_SLOT, index);
        return NodeLayout.LEAF_SLOT + NodeLayout.keyLength(page, slot) + Node.inlineValueLength(page, index);
    }

    /**
     * The separator for a split at {@code index}. Leaves: the shortest key {@code s} with
     * {@code key[index - 1] <= s < key[index]} the two keys allow (suffix truncation). Inner nodes: slot
     * {@code index}'s key, which moves up.
     */
    static byte[] separator(MemorySegment page, int index) {
        if (!Node.isLeaf(page)) {
            return Node.key(page, index);
        }
        byte[] before = Node.key(page, index - 1);
        byte[] after = Node.key(page, index);
        int mismatch = Arrays.mismatch(before, after);
        // after[0, mismatch] is above `before`; it is below `after` only when `after` is longer than that.
        return after.length > mismatch + 1 ? Arrays.copyOf(after, mismatch + 1) : before;
    }

    /** Builds the left half of a split of {@code source} into {@code target}. */
    static void buildLeft(MemorySegment target, MemorySegment source, int index, byte[] separator) {
        boolean leaf = Node.isLeaf(source);
        NodeBuilder builder =
                NodeBuilder.start(target, leaf, NodeLayout.level(source), Node.lowerFence(source), separator);
        builder.addFrom(source, 0, index);
        if (!leaf) {
            builder.upper(Node.swip(source, NodeLayout.swipOffset(NodeLayout.slot(NodeLayout.INNER_SLOT, index))));
        }
    }

    /** Rebuilds {@code page} as the right half of a split of {@code copy}, its own former content. */
    static void keepRight(MemorySegment page, MemorySegment copy, int index, byte[] separator) {
        boolean leaf = Node.isLeaf(copy);
        NodeBuilder builder = NodeBuilder.start(page, leaf, NodeLayout.level(copy), separator, Node.upperFence(copy));
        builder.addFrom(copy, leaf ? index : index + 1, NodeLayout.count(copy));
        if (!leaf) {
            builder.upper(NodeLayout.upperSwipWord(copy));
        }
    }

    /** Rebuilds a root whose halves went to two new children. */
    static void buildSplitRoot(MemorySegment root, int childLevel, byte[] separator, long leftSwip, long rightSwip) {
        NodeBuilder.start(root, false, childLevel + 1, null, null)
                .addInner(separator, leftSwip)
                .upper(rightSwip);
    }

    /**
     * Rebuilds {@code right} to hold the entries of {@code leftCopy} followed by those of {@code rightCopy} (its
     * own former content); inner nodes take the parent's separator between them, pointing to the left node's
     * upper child.
     */
    static void merge(MemorySegment right, MemorySegment leftCopy, MemorySegment rightCopy, byte[] separator) {
        boolean leaf = Node.isLeaf(rightCopy);
        NodeBuilder builder = NodeBuilder.start(
                right, leaf, NodeLayout.level(rightCopy), Node.lowerFence(leftCopy), Node.upperFence(rightCopy));
        builder.addFrom(leftCopy, 0, NodeLayout.count(leftCopy));
        if (!leaf) {
            builder.addInner(separator, NodeLayout.upperSwipWord(leftCopy));
        }
        builder.addFrom(rightCopy, 0, NodeLayout.count(rightCopy));
        if (!leaf) {
            builder.upper(NodeLayout.upperSwipWord(rightCopy));
        }
    }

    /** Bytes the node {@link #merge} would build needs. */
    static long mergedBytes(MemorySegment left, MemorySegment right, byte[] separator) {
        byte @Nullable [] lower = Node.lowerFence(left);
        byte @Nullable [] upper = Node.upperFence(right);
        int prefix = lower == null || upper == null ? 0 : NodeBuilder.commonPrefix(lower, upper);
        long bytes = NodeBuilder.baseBytes(lower, upper) + entryBytes(left, prefix) + entryBytes(right, prefix);
        if (!Node.isLeaf(left)) {
            bytes += NodeLayout.INNER_SLOT + separator.length - prefix;
        }
        return bytes;
    }

    private static long entryBytes(MemorySegment page, int prefix) {
        boolean leaf = Node.isLeaf(page);
        int slotSize = Node.slotSize(page);
        int count = Node.count(page, slotSize);
        int sourcePrefix = NodeLayout.prefixLength(page);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            long slot = NodeLayout.slot(slotSize, i);
            bytes += slotSize + sourcePrefix + NodeLayout.keyLength(page, slot) - prefix;
            if (leaf) {
                bytes += Node.inlineValueLength(page, i);
            }
        }
        return bytes;
    }

    /** Rebuilds a root from a copy of its only child. */
    static void collapseRoot(MemorySegment root, MemorySegment childCopy) {
        boolean leaf = Node.isLeaf(childCopy);
        NodeBuilder builder = NodeBuilder.start(root, leaf, NodeLayout.level(childCopy), null, null);
        builder.addFrom(childCopy, 0, NodeLayout.count(childCopy));
        if (!leaf) {
            builder.upper(NodeLayout.upperSwipWord(childCopy));
        }
    }
}
