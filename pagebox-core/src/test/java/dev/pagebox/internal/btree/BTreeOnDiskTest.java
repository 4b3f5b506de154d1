/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.BufferPoolConfig;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.PageStoreConfig;
import dev.pagebox.internal.wal.Wal;
import dev.pagebox.internal.wal.WalConfig;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree on the real page store and write-ahead log, ten times larger than its pool: written, checkpointed
 * (every dirty page written and synced), closed, and opened again from its root page id.
 */
class BTreeOnDiskTest {
    private static final int PAGE_SIZE = 4096;
    private static final int TREE_ID = 3;
    private static final long FRAMES = 32;

    @TempDir
    Path directory;

    @Test
    void aTreeTenTimesThePoolSurvivesCloseAndReopen() {
        TreeMap<Long, byte[]> model = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(21);
        long rootPageId;
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                Wal wal = Wal.open(WalConfig.of(directory.resolve("wal"), 1));
                BufferPool pool = new BufferPool(
                        BufferPoolConfig.of(FRAMES * PAGE_SIZE, PAGE_SIZE), PageIo.of(store), wal::flush)) {
            BTree tree = BTree.create(pool, TreeLog.of(wal), PageIo.of(store), TREE_ID);
            rootPageId = tree.rootPageId();
            for (int i = 0; i < 20_000; i++) {
                long k = random.nextLong(15_000);
                if (random.nextInt(5) == 0) {
                    assertThat(tree.delete(BTreeConcurrencyTest.key(k), CommitMode.RELAXED))
                            .isEqualTo(model.remove(k) != null);
                } else {
                    byte[] value = new byte[random.nextInt(200)];
                    random.nextBytes(value);
                    tree.put(BTreeConcurrencyTest.key(k), value, CommitMode.RELAXED);
                    model.put(k, value);
                }
            }
            assertThat(tree.stats("t").leafPages()).isGreaterThan(10L * FRAMES);
            assertThat(pool.stats().evictions()).isPositive();
            wal.flushAll();
            pool.writeDirtyPages();
            store.sync();
        }
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                Wal wal = Wal.open(WalConfig.of(directory.resolve("wal"), 1));
                BufferPool pool = new BufferPool(
                        BufferPoolConfig.of(FRAMES * PAGE_SIZE, PAGE_SIZE), PageIo.of(store), wal::flush)) {
            BTree tree = BTree.open(pool, TreeLog.of(wal), PageIo.of(store), TREE_ID, rootPageId);
            for (var entry : model.entrySet()) {
                assertThat(tree.get(BTreeConcurrencyTest.key(entry.getKey()))).isEqualTo(entry.getValue());
            }
            assertThat(tree.stats("t").entries()).isEqualTo(model.size());
        }
    }
}
