/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.page;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The header at the start of every data page, 32 bytes, little-endian on disk and in memory.
 *
 * <pre>
 *   0               8       12  13  14      16              24      28      32
 *   +---------------+-------+---+---+-------+---------------+-------+-------+
 *   |    pageLsn    | crc32c|typ|flg|version|    pageId     | treeId|  (0)  |
 *   +---------------+-------+---+---+-------+---------------+-------+-------+
 * </pre>
 *
 * <ul>
 *   <li>{@code pageLsn}: LSN of the last log record applied to the page; redo skips older records.
 *   <li>{@code crc32c}: CRC32C of the whole page with this field taken out (bytes {@code [0, 8)} and
 *       {@code [12, pageSize)}), stamped just before the page is written and checked on every read.
 *   <li>{@code type}: {@link PageType} code. {@code flg}: reserved, zero.
 *   <li>{@code version}: {@link #FORMAT_VERSION} of the page format.
 *   <li>{@code pageId}: the page's own id, so a write that landed at the wrong offset is detected on read.
 *   <li>{@code treeId}: the tree the page belongs to (0 for none), for verification and diagnostics.
 * </ul>
 *
 * <h2>Concurrency</h2>
 * All fields are written under the frame's exclusive latch and read under any latch mode; the checksum is
 * written only into private copies made for I/O, never into a frame.
 */
public final class PageHeaderLayout {
    /** Format version written into new pages. */
    public static final short FORMAT_VERSION = 1;

    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    /** The header as a struct; offsets below are derived from it, never typed twice. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
                    LE_LONG.withName("pageLsn"),
                    LE_INT.withName("checksum"),
                    BYTE.withName("type"),
                    BYTE.withName("flags"),
                    LE_SHORT.withName("version"),
                    LE_LONG.withName("pageId"),
                    LE_INT.withName("treeId"),
                    LE_INT.withName("reserved"))
            .withName("PageHeader");

    private static final long PAGE_LSN = LAYOUT.byteOffset(groupElement("pageLsn"));
    private static final long CHECKSUM = LAYOUT.byteOffset(groupElement("checksum"));
    private static final long TYPE = LAYOUT.byteOffset(groupElement("type"));
    private static final long VERSION = LAYOUT.byteOffset(groupElement("version"));
    private static final long PAGE_ID = LAYOUT.byteOffset(groupElement("pageId"));
    private static final long TREE_ID = LAYOUT.byteOffset(groupElement("treeId"));

    /** Size of the header; page contents start here. */
    public static final int SIZE = (int) LAYOUT.byteSize();

    static {
        if (SIZE != 32 || PAGE_LSN != 0 || CHECKSUM != 8 || PAGE_ID % Long.BYTES != 0) {
            throw new ExceptionInInitializerError("page header layout drifted: " + LAYOUT);
        }
    }

    private PageHeaderLayout() {}

    /**
     * Writes a fresh header: zero LSN and checksum, the given identity, current format version.
     *
     * @param page the page
     * @param pageId its id
     * @param type what it holds
     * @param treeId the owning tree, 0 for none
     */
    public static void initialize(MemorySegment page, long pageId, PageType type, int treeId) {
        page.asSlice(0, SIZE).fill((byte) 0);
        page.set(LE_SHORT, VERSION, FORMAT_VERSION);
        page.set(BYTE, TYPE, (byte) type.code());
        page.set(LE_LONG, PAGE_ID, pageId);
        page.set(LE_INT, TREE_ID, treeId);
    }

    /**
     * Returns the LSN of the last record applied to the page.
     *
     * @param page the page
     * @return the page LSN
     */
    public static long pageLsn(MemorySegment page) {
        return page.get(LE_LONG, PAGE_LSN);
    }

    /**
     * Sets the page LSN. Caller holds the frame EXCLUSIVE.
     *
     * @param page the page
     * @param lsn the LSN of the record just applied
     */
    public static void setPageLsn(MemorySegment page, long lsn) {
        page.set(LE_LONG, PAGE_LSN, lsn);
    }

    /**
     * Returns the page's own id.
     *
     * @param page the page
     * @return the id stored in the header
     */
    public static long pageId(MemorySegment page) {
        return page.get(LE_LONG, PAGE_ID);
    }

    /**
     * Returns the raw type code (see {@link PageType#ofCode}).
     *
     * @param page the page
     * @return the type code
     */
    public static int typeCode(MemorySegment page) {
        return Byte.toUnsignedInt(page.get(BYTE, TYPE));
    }

    /**
     * Returns what the page holds.
     *
     * @param page the page
     * @return the type
     * @throws IllegalArgumentException if the type code is unknown
     */
    public static PageType type(MemorySegment page) {
        return PageType.ofCode(typeCode(page));
    }

    /**
     * Changes what the page holds (a B+tree root that splits becomes an inner node). Caller holds the frame
     * EXCLUSIVE.
     *
     * @param page the page
     * @param type the new type
     */
    public static void setType(MemorySegment page, PageType type) {
        page.set(BYTE, TYPE, (byte) type.code());
    }

    /**
     * Returns the page format version.
     *
     * @param page the page
     * @return the version
     */
    public static int formatVersion(MemorySegment page) {
        return Short.toUnsignedInt(page.get(LE_SHORT, VERSION));
    }

    /**
     * Returns the owning tree's id.
     *
     * @param page the page
     * @return the tree id, 0 for none
     */
    public static int treeId(MemorySegment page) {
        return page.get(LE_INT, TREE_ID);
    }

    /**
     * Returns the checksum stored in the page.
     *
     * @param page the page
     * @return the stored CRC32C
     */
    public static int storedChecksum(MemorySegment page) {
        return page.get(LE_INT, CHECKSUM);
    }

    /**
     * Computes the page's CRC32C over every byte except the checksum field.
     *
     * @param page the whole page
     * @return the checksum
     */
    public static int computeChecksum(MemorySegment page) {
        CRC32C crc = new CRC32C();
        crc.update(page.asSlice(0, CHECKSUM).asByteBuffer());
        crc.update(page.asSlice(CHECKSUM + Integer.BYTES).asByteBuffer());
        return (int) crc.getValue();
    }

    /**
     * Stamps the checksum into a page that is about to be written. Only for private I/O copies.
     *
     * @param page the whole page
     */
    public static void stampChecksum(MemorySegment page) {
        page.set(LE_INT, CHECKSUM, computeChecksum(page));
    }
}
