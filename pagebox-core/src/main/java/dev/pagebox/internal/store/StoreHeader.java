/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import java.util.Arrays;

/**
 * The root of a store's persistent state, as recorded by the newest valid header copy. See
 * {@link StoreHeaderLayout} for the bytes.
 *
 * @param pageSize bytes per page, fixed when the store is created
 * @param sequence incremented by every header write; the valid copy with the higher sequence wins
 * @param storeId random identity chosen at creation; log segments and free-space snapshots carry it
 * @param checkpointLsn where redo starts: every change logged before it is in the data file
 * @param pageCount pages covered by the data file and the free-space map, header pages included
 * @param catalogRootPageId root of the catalog tree (names to trees), {@code PageIds.NONE} before it exists
 * @param userMeta {@link #USER_META_BYTES} bytes the engine above keeps with the checkpoint
 */
public record StoreHeader(
        int pageSize,
        long sequence,
        long storeId,
        long checkpointLsn,
        long pageCount,
        long catalogRootPageId,
        byte[] userMeta) {

    /** Size of the user meta area. */
    public static final int USER_META_BYTES = 256;

    /** Copies the user meta area, so the record stays immutable. */
    public StoreHeader {
        if (userMeta.length != USER_META_BYTES) {
            throw new IllegalArgumentException(
                    "user meta must be " + USER_META_BYTES + " bytes, got " + userMeta.length);
        }
        userMeta = userMeta.clone();
    }

    /**
     * Returns a copy of the user meta area.
     *
     * @return the bytes
     */
    @Override
    public byte[] userMeta() {
        return userMeta.clone();
    }

    /**
     * Returns the header of the next checkpoint.
     *
     * @param newCheckpointLsn where redo will start
     * @param newPageCount pages covered by the data file
     * @param newCatalogRootPageId the catalog root
     * @param newUserMeta the engine's meta area
     * @return a header with the sequence incremented
     */
    public StoreHeader next(long newCheckpointLsn, long newPageCount, long newCatalogRootPageId, byte[] newUserMeta) {
        return new StoreHeader(
                pageSize, sequence + 1, storeId, newCheckpointLsn, newPageCount, newCatalogRootPageId, newUserMeta);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreHeader that
                && pageSize == that.pageSize
                && sequence == that.sequence
                && storeId == that.storeId
                && checkpointLsn == that.checkpointLsn
                && pageCount == that.pageCount
                && catalogRootPageId == that.catalogRootPageId
                && Arrays.equals(userMeta, that.userMeta);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Long.hashCode(storeId);
    }

    @Override
    public String toString() {
        return "StoreHeader[pageSize=" + pageSize + ", sequence=" + sequence + ", storeId="
                + Long.toHexString(storeId) + ", checkpointLsn=" + checkpointLsn + ", pageCount=" + pageCount
                + ", catalogRootPageId=" + catalogRootPageId + "]";
    }
}
