/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.BufferPoolConfig;
import java.time.Duration;

/** A tree over an in-memory page store and log, with a pool of a given number of frames. */
final class TreeFixture implements AutoCloseable {
    static final int TREE_ID = 7;

    final MemoryPages pages = new MemoryPages();
    final RecordingLog log = new RecordingLog();
    final BufferPool pool;
    final BTree tree;

    TreeFixture(int frames, int pageSize, boolean backgroundProvider) {
        pool = new BufferPool(
                new BufferPoolConfig(
                        (long) frames * pageSize, pageSize, 10, 5, Duration.ofSeconds(20), backgroundProvider),
                pages,
                log);
        tree = BTree.create(pool, log, pages, TREE_ID);
    }

    @Override
    public void close() {
        pool.close();
    }
}
