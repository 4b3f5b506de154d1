/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.buffer;

import dev.pagebox.bench.io.BenchFiles;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.BufferPoolConfig;
import dev.pagebox.internal.buffer.LogFlusher;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.buffer.TwoLevelDirectory;
import dev.pagebox.internal.page.PageIds;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.PageStoreConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * A page store in a fresh directory holding a {@link TwoLevelDirectory}, and a buffer pool over it with the usual
 * settings ({@link BufferPoolConfig#of}: background page provider, 10 % cooling). No log: pages carry LSN 0
 * and {@link LogFlusher#NONE} makes write-backs wait for nothing.
 */
final class PoolBench implements AutoCloseable {
    private final Path directory;
    private final PageStore store;
    private final BufferPool pool;
    private final TwoLevelDirectory leaves;

    private PoolBench(Path directory, PageStore store, BufferPool pool, TwoLevelDirectory leaves) {
        this.directory = directory;
        this.store = store;
        this.pool = pool;
        this.leaves = leaves;
    }

    /**
     * Builds the store and opens a pool over it; the pool starts with only the roots resident.
     *
     * @param pageSize the page size
     * @param poolBytes the pool's budget
     * @param leafCount how many leaf pages
     * @return the fixture
     */
    static PoolBench open(int pageSize, long poolBytes, int leafCount) {
        Path directory = BenchFiles.createDirectory("pool");
        PageStore store = PageStore.open(directory, PageStoreConfig.of(pageSize));
        TwoLevelDirectory leaves = TwoLevelDirectory.build(store, leafCount);
        BufferPool pool = new BufferPool(BufferPoolConfig.of(poolBytes, pageSize), PageIo.of(store), LogFlusher.NONE);
        leaves.attach(pool);
        return new PoolBench(directory, store, pool, leaves);
    }

    BufferPool pool() {
        return pool;
    }

    TwoLevelDirectory leaves() {
        return leaves;
    }

    int pageSize() {
        return store.pageSize();
    }

    /** The file offset of a leaf's page, for raw I/O on the same file. */
    long fileOffset(int leaf) {
        return PageIds.fileOffset(leaves.leafPageId(leaf), store.pageSize());
    }

    /** Opens the data file once more, for raw reads and writes next to the store's own channel. */
    FileChannel openRawChannel() throws IOException {
        return FileChannel.open(
                directory.resolve(PageStore.DATA_FILE), StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** Syncs the data file (before dropping the OS page cache: only clean pages can be dropped). */
    void sync() {
        store.sync();
    }

    /** Every leaf once, in a random order (fixed seed): an access cycle four pools long misses almost always. */
    static int[] shuffledLeaves(int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Closes pool and store and deletes the directory. */
    @Override
    public void close() {
        try {
            pool.close();
            store.close();
        } finally {
            BenchFiles.deleteRecursively(directory);
        }
    }
}
