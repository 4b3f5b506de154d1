/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxStats;
import dev.pagebox.PageboxTreeStats;
import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.btree.TreeLog;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.BufferPoolConfig;
import dev.pagebox.internal.buffer.LogFlusher;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.PageStoreConfig;
import dev.pagebox.internal.wal.LogClaim;
import dev.pagebox.internal.wal.RedoHolds;
import dev.pagebox.internal.wal.Wal;
import dev.pagebox.internal.wal.WalConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A B+tree as the engine will run it: a real page store and a real write-ahead log in a temporary directory, a
 * buffer pool with its background page provider. Puts append to the log with {@code CommitMode.NONE} (written to
 * the segment files by the log's flusher, never synced while timed). For comparison the log can be replaced by
 * one that only hands out LSNs, which shows what the log costs a put.
 */
final class TreeUnderTest implements AutoCloseable {
    private static final int TREE_ID = 1;

    private final Path directory;
    private final PageStore store;
    private final @Nullable Wal wal;
    private final TreeLog log;
    private final PageIo io;
    private BufferPool pool;
    private BTree tree;

    private TreeUnderTest(Path directory, int pageSize, long budgetBytes, boolean realLog) {
        this.directory = directory;
        this.store = PageStore.open(directory.resolve("data"), PageStoreConfig.of(pageSize));
        this.wal = realLog
                ? Wal.open(WalConfig.of(directory.resolve("wal"), store.header().storeId()))
                : null;
        this.log = wal != null ? TreeLog.of(wal) : new CountingLog();
        this.io = PageIo.of(store);
        this.pool = newPool(budgetBytes);
        this.tree = BTree.create(pool, log, io, TREE_ID);
    }

    /**
     * Creates an empty tree in a new temporary directory.
     *
     * @param pageSize the store's page size
     * @param budgetBytes the pool's budget
     * @param log "wal" for the write-ahead log, "none" for a log that hands out LSNs and keeps nothing
     * @return the tree
     */
    static TreeUnderTest create(int pageSize, long budgetBytes, String log) {
        if (!log.equals("wal") && !log.equals("none")) {
            throw new IllegalArgumentException("log must be wal or none: " + log);
        }
        try {
            return new TreeUnderTest(
                    Files.createTempDirectory("pagebox-btree-bench"), pageSize, budgetBytes, log.equals("wal"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BufferPool newPool(long budgetBytes) {
        LogFlusher flusher = wal != null ? wal::flush : LogFlusher.NONE;
        return new BufferPool(BufferPoolConfig.of(budgetBytes, store.pageSize()), io, flusher);
    }

    BTree tree() {
        return tree;
    }

    PageboxStats.Pool poolStats() {
        return pool.stats();
    }

    /** Puts every record (unsynced). */
    void load(Dataset data) {
        for (int i = 0; i < data.records(); i++) {
            tree.put(data.key(i), data.value(i), CommitMode.NONE);
        }
    }

    /**
     * What a checkpoint would do, untimed: makes the log durable, writes every dirty page, syncs the store and
     * drops the log segments it no longer needs, so that a long put benchmark does not fill the disk.
     */
    void checkpoint() {
        if (wal != null) {
            wal.flushAll();
        }
        pool.writeDirtyPages();
        store.sync();
        if (wal != null) {
            wal.truncateBefore(wal.durableLsn());
        }
    }

    /**
     * Checkpoints, drops the pool and opens the tree again through a new, empty pool.
     *
     * @param budgetBytes the new pool's budget
     */
    void reopen(long budgetBytes) {
        checkpoint();
        long root = tree.rootPageId();
        pool.close();
        pool = newPool(budgetBytes);
        tree = BTree.open(pool, log, io, TREE_ID, root);
    }

    PageboxTreeStats treeStats() {
        return tree.stats("bench");
    }

    /** A log that only hands out LSNs: the tree's cost without the log's. */
    private static final class CountingLog implements TreeLog {
        private final AtomicLong end = new AtomicLong(64);
        private final RedoHolds holds = new RedoHolds(end::get);

        @Override
        public LogClaim claim(int type, int length) {
            return LogClaim.inMemory(type, length);
        }

        @Override
        public long commit(LogClaim claim, CommitMode mode) {
            return end.getAndAdd(16 + claim.length());
        }

        @Override
        public void abort(LogClaim claim) {}

        @Override
        public void flush(long lsn) {}

        @Override
        public void flushAll() {}

        @Override
        public long durableLsn() {
            return end.get();
        }

        @Override
        public int maxPayloadSize() {
            return 4 << 20;
        }

        @Override
        public RedoHolds.Hold hold() {
            return holds.open();
        }
    }

    @Override
    public void close() {
        try {
            pool.close();
            if (wal != null) {
                wal.close();
            }
            store.close();
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
