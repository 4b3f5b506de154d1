/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.store.PageStore;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * What recovery finishes once the pool and the catalog are open, after redo ({@link StoreRecovery}) brought every
 * page up to date: the free space (pages of trees whose creation never reached the catalog are freed; a damaged
 * free-space snapshot is rebuilt from the pages the trees reach), the drops that began but did not end
 * ({@link TreeDrops#finish}) and the durable batches whose steps did not all reach the log ({@link Batches#finish}).
 */
final class RecoveryCompletion {
    private static final System.Logger LOG = System.getLogger(RecoveryCompletion.class.getName());

    private final Path directory;
    private final PageStore store;
    private final PageIo io;
    private final Catalog catalog;
    private final OpenTrees trees;

    RecoveryCompletion(Path directory, PageStore store, PageIo io, Catalog catalog, OpenTrees trees) {
        this.directory = directory;
        this.store = store;
        this.io = io;
        this.catalog = catalog;
        this.trees = trees;
    }

    /**
     * Finishes recovery.
     *
     * @param outcome what redo found
     * @param catalogCreated whether the open created the catalog (no checkpoint recorded one)
     * @param drops finishes the pending drops
     * @param batches finishes the pending batches
     */
    void complete(StoreRecovery.Outcome outcome, boolean catalogCreated, TreeDrops drops, Batches batches) {
        if (store.freeSpaceLost().isPresent()) {
            rebuildFreeSpace(outcome.pendingDrops());
        } else {
            freeOrphans(outcome, catalogCreated);
        }
        drops.finish(outcome.pendingDrops());
        if (!outcome.batches().isEmpty()) {
            catalog.entries().forEach(entry -> trees.get(entry.name())); // so that the batches' tree ids resolve
            batches.finish(outcome.batches(), outcome.batchSteps());
        }
    }

    /**
     * Frees the pages that replayed records allocated to trees the catalog does not know, and that no drop in
     * progress will free: a tree whose creation logged its root but crashed before its catalog entry was durable (or
     * the first catalog, when no checkpoint recorded it). No other record of such a tree exists, since a tree is
     * handed out only once its entry is durable.
     */
    private void freeOrphans(StoreRecovery.Outcome outcome, boolean catalogCreated) {
        Set<Integer> known = new HashSet<>(outcome.pendingDrops().keySet());
        catalog.entries().forEach(entry -> known.add(entry.treeId()));
        if (!catalogCreated) {
            known.add(Catalog.TREE_ID);
        }
        outcome.allocatedPages().forEach((treeId, pages) -> {
            if (!known.contains(treeId)) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "{0}: freeing {1} page(s) of tree id {2}, whose creation did not reach the catalog",
                        directory,
                        pages.size(),
                        treeId);
                pages.forEach(io::free);
            }
        });
    }

    /**
     * For a store whose free-space snapshot was damaged: every page was taken as allocated; now those that no tree
     * reaches (the catalog, its trees, trees being dropped, their overflow chains) are freed.
     */
    private void rebuildFreeSpace(Map<Integer, Long> pendingDrops) {
        BitSet inUse = new BitSet();
        LongConsumer mark = pageId -> inUse.set(Math.toIntExact(pageId));
        catalog.tree().forEachPage(mark);
        for (Catalog.Entry entry : catalog.entries()) {
            trees.get(entry.name()).tree().forEachPage(mark);
        }
        pendingDrops.forEach(
                (treeId, rootPageId) -> trees.open(treeId, rootPageId).forEachPage(mark));
        long freed = store.allocator().freeAllBut(pageId -> inUse.get(Math.toIntExact(pageId)));
        LOG.log(
                System.Logger.Level.WARNING,
                "{0}: rebuilt the free-space map from the trees: {1} pages in use, {2} free",
                directory,
                inUse.cardinality(),
                freed);
    }
}
