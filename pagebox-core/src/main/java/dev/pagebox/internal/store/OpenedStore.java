/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import dev.pagebox.CorruptStoreException;
import dev.pagebox.IncompatibleStoreException;
import dev.pagebox.internal.page.PageIds;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What opening a data file found: the newest valid header copy ({@link HeaderCopies}) and its free-space snapshot,
 * or the header of a new store; when the snapshot is damaged, none and why (the engine then rebuilds the free set from
 * the pages its trees reach).
 *
 * @param header the newest valid header, or a new store's
 * @param snapshot the free-space snapshot of that checkpoint, or null (new store, or damaged snapshot)
 * @param created whether the file held no store yet
 * @param freeSpaceLost why the snapshot could not be read, or null
 */
record OpenedStore(
        StoreHeader header,
        @Nullable FreeSpaceSnapshot snapshot,
        boolean created,
        @Nullable String freeSpaceLost) {
    private static final System.Logger LOG = System.getLogger(OpenedStore.class.getName());

    /**
     * Reads the header copies and the snapshot, or makes a new store's header if the file holds none.
     *
     * @throws CorruptStoreException if a file large enough to hold a store has no valid header copy
     * @throws IncompatibleStoreException if the store's page size is not the configured one
     */
    static OpenedStore read(Path directory, PageStoreConfig config, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        Optional<StoreHeader> newest = HeaderCopies.readNewest(channel, fileSize);
        if (newest.isEmpty()) {
            if (fileSize > 2L * StoreHeaderLayout.MAX_PAGE_SIZE) {
                throw new CorruptStoreException("neither header copy of " + directory.resolve(PageStore.DATA_FILE)
                        + " is valid; the store is damaged (restore it from a backup)");
            }
            int pageSize = config.pageSize() == 0 ? PageStoreConfig.DEFAULT_PAGE_SIZE : config.pageSize();
            StoreHeader header = new StoreHeader(
                    pageSize,
                    0,
                    new SecureRandom().nextLong(),
                    0,
                    PageIds.FIRST_DATA,
                    PageIds.NONE,
                    new byte[StoreHeader.USER_META_BYTES]);
            return new OpenedStore(header, null, true, null);
        }
        StoreHeader header = newest.get();
        if (config.pageSize() != 0 && config.pageSize() != header.pageSize()) {
            throw new IncompatibleStoreException("the store in " + directory + " has page size " + header.pageSize()
                    + " but page size " + config.pageSize() + " was requested; page size is fixed at creation");
        }
        try {
            FreeSpaceSnapshot snapshot = FreeSpaceFile.read(directory, header.storeId(), header.sequence());
            if (snapshot.pageCount() != header.pageCount()) {
                throw new CorruptStoreException("free-space snapshot "
                        + FreeSpaceFile.path(directory, header.sequence()) + " covers " + snapshot.pageCount()
                        + " pages (offset 24) but the header says " + header.pageCount());
            }
            return new OpenedStore(header, snapshot, false, null);
        } catch (CorruptStoreException e) {
            // The free set is derived data: every page in use is reachable from a tree.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0}; the free pages will be found by walking every tree of the store",
                    e.getMessage());
            return new OpenedStore(header, null, false, e.getMessage());
        }
    }
}
