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
 * The slotted-page layout of B+tree nodes, little-endian, after the 32-byte page header
 * ({@link PageHeaderLayout}, whose size the node header's offset is derived from).
 *
 * <pre>
 *   32      34      36              40              44      46      48      50      52              56              60
 *   +-------+-------+---------------+---------------+-------+-------+-------+-------+---------------+---------------+----
 *   | count | level |    heapTop    |    garbage    |prefix | flags |lowLen |upLen  |  lowOffset    |   upOffset    | (0)
 *   +-------+-------+---------------+---------------+-------+-------+-------+-------+---------------+---------------+----
 *   64                              72
 *   +-------------------------------+----------------------------+-- free --+---------------------- heap ------------+
 *   |  upper swip (inner nodes)     |  slots, in key order  -->  |          |  <-- fences, keys and values          |
 *   +-------------------------------+----------------------------+----------+----------------------------------------+
 *
 *   leaf slot (16 bytes):  head(8) | offset(2) | keyLength(2) | valueLength(4, bit 31 = overflow reference)
 *   inner slot (24 bytes): head(8) | offset(2) | keyLength(2) | (0)(4) | child swip(8)
 * </pre>
 *
 * <ul>
 *   <li>A node holds the keys {@code k} with {@code lowerFence < k <= upperFence}; a fence flagged infinite is
 *       absent. Fences are full keys stored in the heap.
 *   <li>Every key in the node starts with the node's prefix (the common prefix of its two finite fences, the
 *       first {@code prefix} bytes of the lower fence); slots store only the rest of the key (the suffix).
 *   <li>{@code head} is the first 8 suffix bytes, big-endian and zero-padded, so most comparisons in a binary
 *       search are one unsigned {@code long} compare.
 *   <li>A leaf entry in the heap is the key suffix followed by the value, or by a 16-byte overflow reference
 *       (see {@link OverflowRef}). An inner entry is the separator suffix; slot {@code i}'s child holds the keys
 *       {@code <= separator i} (and above separator {@code i-1}); the upper swip's child holds the rest.
 *   <li>{@code garbage} counts heap bytes no slot references any more, which a compaction reclaims.
 *   <li>{@code level} is 0 for leaves and one more than the children's level for inner nodes.
 * </ul>
 */
final class NodeLayout {
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Where the node header starts: right after the page header. */
    static final long HEADER = PageHeaderLayout.SIZE;

    private static final long COUNT = HEADER;
    private static final long LEVEL = COUNT + 2;
    private static final long HEAP_TOP = LEVEL + 2;
    private static final long GARBAGE = HEAP_TOP + 4;
    private static final long PREFIX = GARBAGE + 4;
    private static final long FLAGS = PREFIX + 2;
    private static final long LOWER_LENGTH = FLAGS + 2;
    private static final long UPPER_LENGTH = LOWER_LENGTH + 2;
    private static final long LOWER_OFFSET = UPPER_LENGTH + 2;
    private static final long UPPER_OFFSET = LOWER_OFFSET + 4;

    /** Offset of the upper swip; 8-byte aligned, as every swip must be. */
    static final long UPPER_SWIP = 64;

    /** Offset of the first slot. */
    static final int SLOTS = 72;

    static final int LEAF_SLOT = 16;
    static final int INNER_SLOT = 24;
    private static final long SLOT_OFFSET = 8;
    private static final long SLOT_KEY_LENGTH = 10;
    private static final long SLOT_VALUE_LENGTH = 12;
    private static final long SLOT_SWIP = 16;

    static final int LOWER_INFINITE = 1;
    static final int UPPER_INFINITE = 2;

    /** Bit 31 of a leaf slot's value length: the heap holds an {@link OverflowRef}, not the value. */
    static final int OVERFLOW_FLAG = 0x8000_0000;

    static {
        if (UPPER_OFFSET + 4 > UPPER_SWIP || UPPER_SWIP % 8 != 0 || SLOTS % 8 != 0) {
            throw new ExceptionInInitializerError("node layout drifted");
        }
    }

    private NodeLayout() {}

    static int count(MemorySegment page) {
        return Short.toUnsignedInt(page.get(LE_SHORT, COUNT));
    }

    static void setCount(MemorySegment page, int count) {
        page.set(LE_SHORT, COUNT, (short) count);
    }

    static int level(MemorySegment page) {
        return Short.toUnsignedInt(page.get(LE_SHORT, LEVEL));
    }

    static void setLevel(MemorySegment page, int level) {
        page.set(LE_SHORT, LEVEL, (short) level);
    }

    static int heapTop(MemorySegment page) {
        return page.get(LE_INT, HEAP_TOP);
    }

    static void setHeapTop(MemorySegment page, int heapTop) {
        page.set(LE_INT, HEAP_TOP, heapTop);
    }

    static int garbage(MemorySegment page) {
        return page.get(LE_INT, GARBAGE);
    }

    static void setGarbage(MemorySegment page, int garbage) {
        page.set(LE_INT, GARBAGE, garbage);
    }

    static int prefixLength(MemorySegment page) {
        return Short.toUnsignedInt(page.get(LE_SHORT, PREFIX));
    }

    static void setPrefixLength(MemorySegment page, int length) {
        page.set(LE_SHORT, PREFIX, (short) length);
    }

    static int flags(MemorySegment page) {
        return Short.toUnsignedInt(page.get(LE_SHORT, FLAGS));
    }

    static void setFlags(MemorySegment page, int flags) {
        page.set(LE_SHORT, FLAGS, (short) flags);
    }

    static int lowerFenceLength(MemorySegment page) {
        return Short.toUnsignedInt(page.get(LE_SHORT, LOWER_LENGTH));
    }

    static int upperFenceLength(MemorySegment page) {
        return Short.toUnsignedInt(page.get(LE_SHORT, UPPER_LENGTH));
    }

    static int lowerFenceOffset(MemorySegment page) {
        return page.get(LE_INT, LOWER_OFFSET);
    }

    static int upperFenceOffset(MemorySegment page) {
        return page.get(LE_INT, UPPER_OFFSET);
    }

    static void setLowerFence(MemorySegment page, int offset, int length) {
        page.set(LE_INT, LOWER_OFFSET, offset);
        page.set(LE_SHORT, LOWER_LENGTH, (short) length);
    }

    static void setUpperFence(MemorySegment page, int offset, int length) {
        page.set(LE_INT, UPPER_OFFSET, offset);
        page.set(LE_SHORT, UPPER_LENGTH, (short) length);
    }

    static long upperSwipWord(MemorySegment page) {
        return page.get(LE_LONG, UPPER_SWIP);
    }

    static void setUpperSwipWord(MemorySegment page, long swip) {
        page.set(LE_LONG, UPPER_SWIP, swip);
    }

    /** The byte offset of slot {@code index}. */
    static long slot(int slotSize, int index) {
        return SLOTS + (long) slotSize * index;
    }

    static long head(MemorySegment page, long slot) {
        return page.get(LE_LONG, slot);
    }

    static int entryOffset(MemorySegment page, long slot) {
        return Short.toUnsignedInt(page.get(LE_SHORT, slot + SLOT_OFFSET));
    }

    static int keyLength(MemorySegment page, long slot) {
        return Short.toUnsignedInt(page.get(LE_SHORT, slot + SLOT_KEY_LENGTH));
    }

    /** The raw value-length word of a leaf slot, with {@link #OVERFLOW_FLAG}. */
    static int valueWord(MemorySegment page, long slot) {
        return page.get(LE_INT, slot + SLOT_VALUE_LENGTH);
    }

    /** The offset of an inner slot's child swip (8-byte aligned). */
    static long swipOffset(long slot) {
        return slot + SLOT_SWIP;
    }

    static void writeSlot(MemorySegment page, long slot, long head, int offset, int keyLength, int valueWord) {
        page.set(LE_LONG, slot, head);
        page.set(LE_SHORT, slot + SLOT_OFFSET, (short) offset);
        page.set(LE_SHORT, slot + SLOT_KEY_LENGTH, (short) keyLength);
        page.set(LE_INT, slot + SLOT_VALUE_LENGTH, valueWord);
    }

    static void setValueWord(MemorySegment page, long slot, int valueWord) {
        page.set(LE_INT, slot + SLOT_VALUE_LENGTH, valueWord);
    }

    /** The unsigned byte at {@code offset}. */
    static int byteAt(MemorySegment segment, long offset) {
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, offset));
    }

    static long longAt(MemorySegment segment, long offset) {
        return segment.get(LE_LONG, offset);
    }

    static void putLong(MemorySegment segment, long offset, long value) {
        segment.set(LE_LONG, offset, value);
    }

    /**
     * The key head of {@code length} bytes at {@code offset}: the first 8, big-endian, zero-padded, so that
     * unsigned comparison of heads orders keys by their first 8 bytes.
     */
    static long headOf(MemorySegment key, long offset, long length) {
        if (length >= Long.BYTES) {
            return key.get(BE_LONG, offset);
        }
        long head = 0;
        for (int i = 0; i < length; i++) {
            head |= (key.get(ValueLayout.JAVA_BYTE, offset + i) & 0xFFL) << (56 - 8 * i);
        }
        return head;
    }
}
