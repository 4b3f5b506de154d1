/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * Reads a node ({@link NodeLayout}): binary search by key head and suffix, child lookup, fences and keys.
 *
 * <p>Every method may run on a page read optimistically. Offsets and lengths taken from the page are checked
 * against the page before use, and an inconsistent page throws {@link OptimisticRestart}; the caller validates
 * its stamp and restarts. Results computed from such a page mean nothing until the stamp validates.
 */
final class Node {
    private Node() {}

    static boolean isLeaf(MemorySegment page) {
        return PageHeaderLayout.typeCode(page) == PageType.BTREE_LEAF.code();
    }

    static boolean isInner(MemorySegment page) {
        return PageHeaderLayout.typeCode(page) == PageType.BTREE_INNER.code();
    }

    static int slotSize(MemorySegment page) {
        return isLeaf(page) ? NodeLayout.LEAF_SLOT : NodeLayout.INNER_SLOT;
    }

    /** The most slots of {@code slotSize} bytes a page can hold (a torn count above it means restart). */
    static int maxSlots(long pageSize, int slotSize) {
        return (int) ((pageSize - NodeLayout.SLOTS) / slotSize);
    }

    /** The slot count, checked against the page size. */
    static int count(MemorySegment page, int slotSize) {
        int count = NodeLayout.count(page);
        OptimisticRestart.check(count <= maxSlots(page.byteSize(), slotSize));
        return count;
    }

    /**
     * Searches a node for a full key.
     *
     * @return {@code position << 1 | exact}: the first slot whose key is {@code >= key}, and whether it is equal
     */
    static int search(MemorySegment page, MemorySegment key) {
        int slotSize = slotSize(page);
        int count = count(page, slotSize);
        int prefix = NodeLayout.prefixLength(page);
        int outside = compareToPrefix(page, key, prefix);
        if (outside != 0) {
            return outside < 0 ? 0 : count << 1;
        }
        long keyLength = key.byteSize();
        long head = NodeLayout.headOf(key, prefix, keyLength - prefix);
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            long slot = NodeLayout.slot(slotSize, mid);
            int cmp = Long.compareUnsigned(NodeLayout.head(page, slot), head);
            if (cmp == 0) {
                cmp = compareSuffix(page, slot, key, prefix);
            }
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid;
            } else {
                return mid << 1 | 1;
            }
        }
        return low << 1;
    }

    /**
     * Compares the key with the node's prefix: 0 if the key starts with it, negative if the key sorts before
     * every key with that prefix, positive if after.
     */
    private static int compareToPrefix(MemorySegment page, MemorySegment key, int prefix) {
        if (prefix == 0) {
            return 0;
        }
        int lowerOffset = NodeLayout.lowerFenceOffset(page);
        OptimisticRestart.check(prefix <= NodeLayout.lowerFenceLength(page)
                && lowerOffset >= NodeLayout.SLOTS
                && (long) lowerOffset + prefix <= page.byteSize());
        long keyLength = key.byteSize();
        long common = Math.min(prefix, keyLength);
        long mismatch = MemorySegment.mismatch(key, 0, common, page, lowerOffset, lowerOffset + common);
        if (mismatch < 0) {
            return keyLength >= prefix ? 0 : -1;
        }
        return Integer.compare(NodeLayout.byteAt(key, mismatch), NodeLayout.byteAt(page, lowerOffset + mismatch));
    }

    /** Compares the stored suffix of a slot with {@code key} from byte {@code prefix} on. */
    static int compareSuffix(MemorySegment page, long slot, MemorySegment key, int prefix) {
        int offset = NodeLayout.entryOffset(page, slot);
        int length = NodeLayout.keyLength(page, slot);
        OptimisticRestart.check(offset >= NodeLayout.SLOTS && offset + length <= page.byteSize());
        long keyLength = key.byteSize();
        long mismatch = MemorySegment.mismatch(page, offset, offset + length, key, prefix, keyLength);
        if (mismatch < 0) {
            return 0;
        }
        if (mismatch == length) {
            return -1;
        }
        if (mismatch == keyLength - prefix) {
            return 1;
        }
        return Integer.compare(NodeLayout.byteAt(page, offset + mismatch), NodeLayout.byteAt(key, prefix + mismatch));
    }

    /** The offset of the swip an inner node follows for {@code key}. */
    static long childSwipOffset(MemorySegment page, MemorySegment key) {
        int position = search(page, key) >>> 1;
        return swipAt(page, position);
    }

    /** The offset of the swip at {@code position}: slot {@code position}'s, or the upper swip past the end. */
    static long swipAt(MemorySegment page, int position) {
        int count = count(page, NodeLayout.INNER_SLOT);
        OptimisticRestart.check(position >= 0 && position <= count);
        return position == count
                ? NodeLayout.UPPER_SWIP
                : NodeLayout.swipOffset(NodeLayout.slot(NodeLayout.INNER_SLOT, position));
    }

    /** The full length of the key in slot {@code index}. */
    static int keyLength(MemorySegment page, int index) {
        return NodeLayout.prefixLength(page) + NodeLayout.keyLength(page, NodeLayout.slot(slotSize(page), index));
    }

    /** Copies the full key of slot {@code index} (prefix and suffix) into {@code target} at 0. */
    static void copyKey(MemorySegment page, int index, MemorySegment target) {
        int prefix = NodeLayout.prefixLength(page);
        long slot = NodeLayout.slot(slotSize(page), index);
        int offset = NodeLayout.entryOffset(page, slot);
        int length = NodeLayout.keyLength(page, slot);
        int lowerOffset = NodeLayout.lowerFenceOffset(page);
        OptimisticRestart.check(offset >= NodeLayout.SLOTS
                && offset + length <= page.byteSize()
                && (prefix == 0 || (lowerOffset >= NodeLayout.SLOTS && (long) lowerOffset + prefix <= page.byteSize()))
                && target.byteSize() >= (long) prefix + length);
        MemorySegment.copy(page, lowerOffset, target, 0, prefix);
        MemorySegment.copy(page, offset, target, prefix, length);
    }

    /** The full key of slot {@code index} as a new array. */
    static byte[] key(MemorySegment page, int index) {
        int length = keyLength(page, index);
        OptimisticRestart.check(length <= page.byteSize());
        byte[] key = new byte[length];
        copyKey(page, index, MemorySegment.ofArray(key));
        return key;
    }

    /** The lower fence, or null if it is infinite. */
    static byte @Nullable [] lowerFence(MemorySegment page) {
        if ((NodeLayout.flags(page) & NodeLayout.LOWER_INFINITE) != 0) {
            return null;
        }
        return bytes(page, NodeLayout.lowerFenceOffset(page), NodeLayout.lowerFenceLength(page));
    }

    /** The upper fence, or null if it is infinite. */
    static byte @Nullable [] upperFence(MemorySegment page) {
        if ((NodeLayout.flags(page) & NodeLayout.UPPER_INFINITE) != 0) {
            return null;
        }
        return bytes(page, NodeLayout.upperFenceOffset(page), NodeLayout.upperFenceLength(page));
    }

    private static byte[] bytes(MemorySegment page, int offset, int length) {
        OptimisticRestart.check(offset >= NodeLayout.SLOTS && (long) offset + length <= page.byteSize());
        byte[] bytes = new byte[length];
        MemorySegment.copy(page, offset, MemorySegment.ofArray(bytes), 0, length);
        return bytes;
    }

    /** Whether a leaf slot holds an overflow reference instead of the value. */
    static boolean isOverflow(MemorySegment page, int index) {
        return (NodeLayout.valueWord(page, NodeLayout.slot(NodeLayout.LEAF_SLOT, index)) & NodeLayout.OVERFLOW_FLAG)
                != 0;
    }

    /** The number of value bytes stored inline in a leaf slot (the reference's size for overflow values). */
    static int inlineValueLength(MemorySegment page, int index) {
        return NodeLayout.valueWord(page, NodeLayout.slot(NodeLayout.LEAF_SLOT, index)) & ~NodeLayout.OVERFLOW_FLAG;
    }

    /** The offset of a leaf slot's inline value (or overflow reference), checked against the page. */
    static int valueOffset(MemorySegment page, int index) {
        long slot = NodeLayout.slot(NodeLayout.LEAF_SLOT, index);
        int offset = NodeLayout.entryOffset(page, slot) + NodeLayout.keyLength(page, slot);
        int length = inlineValueLength(page, index);
        OptimisticRestart.check(offset >= NodeLayout.SLOTS && length >= 0 && (long) offset + length <= page.byteSize());
        return offset;
    }

    /** The child swip word at {@code offset} of an inner node. */
    static long swip(MemorySegment page, long offset) {
        return NodeLayout.longAt(page, offset);
    }

    /** Bytes the entries, slots and fences use, without garbage or free space. */
    static int usedBytes(MemorySegment page) {
        int slotSize = slotSize(page);
        int count = count(page, slotSize);
        int heap = (int) page.byteSize() - NodeLayout.heapTop(page) - NodeLayout.garbage(page);
        return NodeLayout.SLOTS + count * slotSize + heap;
    }

    /** Bytes free for new slots and entries once garbage is compacted away. */
    static int freeBytes(MemorySegment page) {
        return (int) page.byteSize() - usedBytes(page);
    }
}
