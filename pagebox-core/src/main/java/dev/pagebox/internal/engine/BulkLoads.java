/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.btree.BulkLoader;
import java.util.Iterator;
import java.util.Map;

/**
 * Bulk loads into empty trees ({@link BulkLoader} describes how pages are built, written and attached): the tree is
 * opened or created, the entries are streamed into the loader, and the finished tree is attached with checkpoints
 * held off, since attaching raises the pool's full-image threshold, which a checkpoint also sets.
 */
final class BulkLoads {
    private final OpenTrees trees;
    private final Checkpointer checkpointer;

    BulkLoads(OpenTrees trees, Checkpointer checkpointer) {
        this.trees = trees;
        this.checkpointer = checkpointer;
    }

    /**
     * Loads sorted entries into the named tree, which must be empty (it is created if the store has none).
     *
     * @return the tree
     * @throws IllegalArgumentException if the input is not strictly ascending or an entry is too large (nothing is
     *     loaded and the pages written so far are freed)
     * @throws IllegalStateException if the tree is not empty, or became non-empty during the load
     */
    OpenTree load(String name, Iterator<? extends Map.Entry<byte[], byte[]>> entries, double fill) {
        OpenTree open = trees.get(name);
        BTree tree = open.enterForWrite();
        try (BulkLoader loader = tree.bulkLoader(fill)) {
            if (!loader.treeIsEmpty()) {
                throw new IllegalStateException("tree " + name + " is not empty: a bulk load needs an empty tree");
            }
            while (entries.hasNext()) {
                Map.Entry<byte[], byte[]> entry = entries.next();
                if (entry == null) {
                    throw new IllegalArgumentException("entry " + loader.entries() + " is null");
                }
                loader.add(entry.getKey(), entry.getValue());
            }
            loader.finish();
            checkpointer.holdingCheckpoints(() -> {
                loader.attach();
                return null;
            });
        } finally {
            open.exit();
        }
        return open;
    }
}
