/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.PageboxOptions;
import dev.pagebox.RecoverySummary;
import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.btree.TreeLog;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.BufferPoolConfig;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.PageStoreConfig;
import dev.pagebox.internal.store.StoreHeader;
import dev.pagebox.internal.wal.DiskSpace;
import dev.pagebox.internal.wal.Wal;
import dev.pagebox.internal.wal.WalConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Opening a store: the wiring of its parts, in the order recovery needs them. The page store (directory lock,
 * header, allocator), then the log as needed from the header's checkpoint, then redo onto the pages
 * ({@link StoreRecovery}), then the pool and the catalog; the engine finishes what redo could not
 * ({@link RecoveryCompletion}) and, unless read-only, checkpoints so that the next open replays nothing.
 *
 * <p>Each part is made once per store: one thread factory for the background threads (the CPU topology is read once
 * per open), one {@link PageIo} over the page store, one {@link TreeLog} over the log. On failure everything opened
 * so far is closed.
 */
final class EngineOpener {
    private static final System.Logger LOG = System.getLogger(EngineOpener.class.getName());

    private EngineOpener() {}

    /**
     * Opens or creates the store in {@code directory} and recovers it.
     *
     * @param directory the data directory, created if missing
     * @param options the options
     * @return the open engine
     */
    static Engine open(Path directory, PageboxOptions options) {
        ThreadFactory threads = BackgroundThreads.factory(options.backgroundPinning());
        DiskSpace space = new DiskSpace(directory, options.channels(), () -> headroom(directory, options));
        PageStore store = PageStore.open(directory, storeConfig(options), space);
        Wal wal = null;
        BufferPool pool = null;
        try {
            StoreHeader header = store.header();
            WalConfig walConfig = walConfig(directory, options, header.storeId(), threads);
            wal = options.readOnly()
                    ? Wal.openReadOnly(walConfig, header.checkpointLsn())
                    : Wal.open(walConfig, header.checkpointLsn(), space);
            int frames = (int) Math.min(Integer.MAX_VALUE, options.poolSize() / store.pageSize());
            StoreRecovery.Outcome outcome = StoreRecovery.run(store, wal, frames);
            RecoverySummary recovery = outcome.summary();
            LOG.log(System.Logger.Level.INFO, "{0}: {1}", directory, recovery);
            PageIo io = PageIo.of(store);
            TreeLog log = TreeLog.of(wal);
            pool = new BufferPool(BufferPoolConfig.of(options.poolSize(), store.pageSize(), threads), io, wal::flush);
            long catalogRoot = header.catalogRootPageId();
            BTree catalogTree = catalogRoot == 0
                    ? BTree.create(pool, log, io, Catalog.TREE_ID)
                    : BTree.open(pool, log, io, Catalog.TREE_ID, catalogRoot);
            Engine engine = new Engine(
                    new Engine.Parts(directory, options, space, store, wal, pool, io, log, threads),
                    new Catalog(catalogTree),
                    recovery,
                    outcome.userMeta());
            engine.completeRecovery(outcome, catalogRoot == 0);
            return engine;
        } catch (RuntimeException | Error e) {
            closeQuietly(e, pool, wal, store);
            throw e;
        }
    }

    /**
     * The free space the store needs before it takes writes again after the disk was full: a log segment and the
     * next data-file extent (an eighth of the file, at least 1 MiB, at most 64 MiB).
     */
    private static long headroom(Path directory, PageboxOptions options) {
        long dataFile;
        try {
            dataFile = Files.size(directory.resolve(PageStore.DATA_FILE));
        } catch (IOException e) {
            dataFile = 0;
        }
        return options.walSegmentSize() + Math.clamp(dataFile / 8, 1L << 20, 64L << 20);
    }

    /** The page store's configuration for these options. */
    static PageStoreConfig storeConfig(PageboxOptions options) {
        // Read-only never creates a store, so it takes the page size of the one it finds.
        return new PageStoreConfig(
                options.readOnly() ? 0 : options.pageSize(),
                options.directIo(),
                options.channels(),
                options.readOnly());
    }

    /** The log's configuration for these options, in {@code directory/wal}, for tools and tests. */
    static WalConfig walConfig(Path directory, PageboxOptions options, long storeId) {
        return walConfig(directory, options, storeId, BackgroundThreads.factory(options.backgroundPinning()));
    }

    private static WalConfig walConfig(Path directory, PageboxOptions options, long storeId, ThreadFactory threads) {
        return new WalConfig(
                directory.resolve("wal"),
                options.channels(),
                options.walSegmentSize(),
                options.walBufferSize(),
                options.syncBackend(),
                options.flushInterval(),
                storeId,
                threads,
                options.logSyncListener());
    }

    /** Closes what is open, adding any failure to {@code failure}'s suppressed ones. */
    static void closeQuietly(Throwable failure, @Nullable AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
