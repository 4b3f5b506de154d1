/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.wal.Wal;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Dropping trees ({@link DropRecords} documents the records). The tree's guard closes and waits for the calls on it;
 * with checkpoints held off, the drop logs its start, removes the catalog entry, walks the tree to collect every page
 * id, logs them and the drop's end, makes that durable, drops the tree's frames from the pool without writing them,
 * and only then frees the page ids. Until the end record is durable no page of the tree is reused, so the tree stays
 * intact on disk; recovery frees a drop's pages when it reaches its end record, and finishes a drop that has none
 * ({@link #finish}).
 */
final class TreeDrops {
    private final OpenTrees trees;
    private final Catalog catalog;
    private final Checkpointer checkpointer;
    private final Wal wal;
    private final BufferPool pool;
    private final PageIo io;

    TreeDrops(OpenTrees trees, Catalog catalog, Checkpointer checkpointer, Wal wal, BufferPool pool, PageIo io) {
        this.trees = trees;
        this.catalog = catalog;
        this.checkpointer = checkpointer;
        this.wal = wal;
        this.pool = pool;
        this.io = io;
    }

    /**
     * Drops a tree: calls on it already under way finish first; later ones throw
     * {@link dev.pagebox.PageboxClosedException}.
     *
     * @param name the tree's name
     * @return whether the store had the tree
     */
    boolean drop(String name) {
        synchronized (trees) {
            Catalog.Entry entry = catalog.find(name);
            if (entry == null) {
                return false;
            }
            OpenTree open = trees.remove(name);
            BTree tree;
            if (open == null) {
                tree = trees.open(entry.treeId(), entry.rootPageId());
            } else {
                open.closeForDrop();
                tree = open.tree();
            }
            return checkpointer.holdingCheckpoints(() -> {
                wal.append(DropRecords.BEGIN, DropRecords.begin(entry.treeId(), entry.rootPageId()), CommitMode.NONE);
                catalog.remove(name);
                free(tree);
                return true;
            });
        }
    }

    /**
     * Recovery: finishes the drops that began before a crash but did not end.
     *
     * @param pending tree id to root page, in log order
     */
    void finish(Map<Integer, Long> pending) {
        pending.forEach((treeId, rootPageId) -> {
            Catalog.Entry entry = catalog.find(treeId);
            if (entry != null) {
                catalog.remove(entry.name());
            }
            free(trees.open(treeId, rootPageId));
        });
    }

    /**
     * Logs every page of a tree nobody can reach any more as freed, makes that durable, drops the tree's frames and
     * only then hands its pages to the allocator.
     */
    private void free(BTree tree) {
        LongStream.Builder builder = LongStream.builder();
        tree.forEachPage(builder::add);
        long[] pages = builder.build().toArray();
        int perRecord = DropRecords.pagesPerRecord(wal.maxPayloadSize());
        for (int from = 0; from < pages.length; from += perRecord) {
            int count = Math.min(perRecord, pages.length - from);
            wal.append(DropRecords.PAGES, DropRecords.pages(tree.treeId(), pages, from, count), CommitMode.NONE);
        }
        wal.append(DropRecords.END, DropRecords.end(tree.treeId()), CommitMode.NONE);
        wal.flushAll();
        pool.discardTree(tree.treeId());
        for (long page : pages) {
            io.free(page);
        }
    }
}
