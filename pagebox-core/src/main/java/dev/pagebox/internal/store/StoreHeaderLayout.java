/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import dev.pagebox.IncompatibleStoreException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One copy of the store header, little-endian, in the first {@link #SIZE} bytes of page 0 (copy A) and of
 * page 1 (copy B); the rest of those pages is zero.
 *
 * <pre>
 *   0        8        12       16       24       32       40       48       56       64
 *   +--------+--------+--------+--------+--------+--------+--------+--------+--------+
 *   | magic  | format |pageSize|sequence|storeId |ckptLsn |pageCnt |catalog | (0)    |
 *   +--------+--------+--------+--------+--------+--------+--------+--------+--------+
 *   64                                                                     320     508  512
 *   +-----------------------------------------------------------------------+-- .. --+-----+
 *   |                       user meta (256 bytes)                           | (zero) |crc32c|
 *   +-----------------------------------------------------------------------+-- .. --+-----+
 * </pre>
 *
 * The CRC32C covers bytes {@code [0, 508)}. A copy is valid if its magic, format version and CRC are right
 * and its page size is a legal one. Checkpoints write the copy that does not hold the newest valid header
 * ({@code sequence & 1} picks the slot), so a torn header write leaves the other copy intact.
 */
public final class StoreHeaderLayout {
    /** "PAGEBOX" followed by a zero byte, read as a little-endian long. */
    static final long MAGIC = 0x00584F4245474150L;

    /** On-disk format version of the store header and the files it governs. */
    public static final int FORMAT_VERSION = 1;

    private static final ValueLayout.OfLong LE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final StructLayout LAYOUT = MemoryLayout.structLayout(
                    LE_LONG.withName("magic"),
                    LE_INT.withName("format"),
                    LE_INT.withName("pageSize"),
                    LE_LONG.withName("sequence"),
                    LE_LONG.withName("storeId"),
                    LE_LONG.withName("checkpointLsn"),
                    LE_LONG.withName("pageCount"),
                    LE_LONG.withName("catalogRootPageId"),
                    MemoryLayout.paddingLayout(8),
                    MemoryLayout.sequenceLayout(StoreHeader.USER_META_BYTES, ValueLayout.JAVA_BYTE)
                            .withName("userMeta"),
                    MemoryLayout.paddingLayout(188),
                    LE_INT.withName("crc"))
            .withName("StoreHeader");

    private static final long OFFSET_MAGIC = LAYOUT.byteOffset(groupElement("magic"));
    private static final long OFFSET_FORMAT = LAYOUT.byteOffset(groupElement("format"));
    private static final long OFFSET_PAGE_SIZE = LAYOUT.byteOffset(groupElement("pageSize"));
    private static final long OFFSET_SEQUENCE = LAYOUT.byteOffset(groupElement("sequence"));
    private static final long OFFSET_STORE_ID = LAYOUT.byteOffset(groupElement("storeId"));
    private static final long OFFSET_CHECKPOINT_LSN = LAYOUT.byteOffset(groupElement("checkpointLsn"));
    private static final long OFFSET_PAGE_COUNT = LAYOUT.byteOffset(groupElement("pageCount"));
    private static final long OFFSET_CATALOG_ROOT = LAYOUT.byteOffset(groupElement("catalogRootPageId"));
    private static final long OFFSET_USER_META = LAYOUT.byteOffset(groupElement("userMeta"));
    private static final long OFFSET_CRC = LAYOUT.byteOffset(groupElement("crc"));

    /** Bytes of one header copy. */
    public static final int SIZE = (int) LAYOUT.byteSize();

    static {
        if (SIZE != 512 || OFFSET_CRC != SIZE - Integer.BYTES || OFFSET_USER_META != 64) {
            throw new ExceptionInInitializerError("store header layout drifted: " + LAYOUT);
        }
    }

    /** The smallest page size a store may have. */
    public static final int MIN_PAGE_SIZE = 4096;

    /** The largest page size a store may have. */
    public static final int MAX_PAGE_SIZE = 65536;

    private StoreHeaderLayout() {}

    /**
     * Tells whether a page size is legal: a power of two in {@code [4 KiB, 64 KiB]}.
     *
     * @param pageSize the size in bytes
     * @return whether a store may use it
     */
    public static boolean isValidPageSize(int pageSize) {
        return pageSize >= MIN_PAGE_SIZE && pageSize <= MAX_PAGE_SIZE && Integer.bitCount(pageSize) == 1;
    }

    /**
     * Writes a header copy, CRC included, into the first {@link #SIZE} bytes of {@code target}.
     *
     * @param header the header
     * @param target at least {@link #SIZE} bytes
     */
    public static void write(StoreHeader header, MemorySegment target) {
        MemorySegment copy = target.asSlice(0, SIZE);
        copy.fill((byte) 0);
        copy.set(LE_LONG, OFFSET_MAGIC, MAGIC);
        copy.set(LE_INT, OFFSET_FORMAT, FORMAT_VERSION);
        copy.set(LE_INT, OFFSET_PAGE_SIZE, header.pageSize());
        copy.set(LE_LONG, OFFSET_SEQUENCE, header.sequence());
        copy.set(LE_LONG, OFFSET_STORE_ID, header.storeId());
        copy.set(LE_LONG, OFFSET_CHECKPOINT_LSN, header.checkpointLsn());
        copy.set(LE_LONG, OFFSET_PAGE_COUNT, header.pageCount());
        copy.set(LE_LONG, OFFSET_CATALOG_ROOT, header.catalogRootPageId());
        MemorySegment.copy(
                MemorySegment.ofArray(header.userMeta()), 0, copy, OFFSET_USER_META, StoreHeader.USER_META_BYTES);
        copy.set(LE_INT, OFFSET_CRC, crc(copy));
    }

    /**
     * Decodes a header copy.
     *
     * @param source at least {@link #SIZE} bytes
     * @return the header, or empty if the copy is not valid (torn, never written, or not a Pagebox header)
     * @throws IncompatibleStoreException if the copy is valid but of another format version
     */
    public static Optional<StoreHeader> read(MemorySegment source) {
        MemorySegment copy = source.asSlice(0, SIZE);
        if (copy.get(LE_LONG, OFFSET_MAGIC) != MAGIC || copy.get(LE_INT, OFFSET_CRC) != crc(copy)) {
            return Optional.empty();
        }
        int format = copy.get(LE_INT, OFFSET_FORMAT);
        if (format != FORMAT_VERSION) {
            throw new IncompatibleStoreException("store format version " + format
                    + " is not supported; this Pagebox reads version " + FORMAT_VERSION);
        }
        int pageSize = copy.get(LE_INT, OFFSET_PAGE_SIZE);
        if (!isValidPageSize(pageSize)) {
            return Optional.empty();
        }
        byte[] userMeta =
                copy.asSlice(OFFSET_USER_META, StoreHeader.USER_META_BYTES).toArray(ValueLayout.JAVA_BYTE);
        return Optional.of(new StoreHeader(
                pageSize,
                copy.get(LE_LONG, OFFSET_SEQUENCE),
                copy.get(LE_LONG, OFFSET_STORE_ID),
                copy.get(LE_LONG, OFFSET_CHECKPOINT_LSN),
                copy.get(LE_LONG, OFFSET_PAGE_COUNT),
                copy.get(LE_LONG, OFFSET_CATALOG_ROOT),
                userMeta));
    }

    private static int crc(MemorySegment copy) {
        CRC32C crc = new CRC32C();
        crc.update(copy.asSlice(0, OFFSET_CRC).asByteBuffer());
        return (int) crc.getValue();
    }
}
