/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.CorruptStoreException;
import dev.pagebox.RecoverySummary;
import dev.pagebox.internal.btree.Keys;
import dev.pagebox.internal.btree.TreeRedo;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.wal.ReplayResult;
import dev.pagebox.internal.wal.Wal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Redo on open: replays the log from the last checkpoint onto the store's pages (each record only where a page's
 * LSN is older, so replay is idempotent), repairs torn pages from their logged images, replays the allocator's
 * changes, writes the pages back and syncs. The caller then checkpoints, so the next open replays nothing.
 */
final class StoreRecovery {
    private StoreRecovery() {}

    /**
     * What redo found: the summary, and the batches whose record is durable but whose steps did not all reach the
     * log, by LSN, with the steps that did; the engine finishes the others once the trees are open. Likewise the drops that began but
     * did not end: tree id to root page, in log order. And the pages replayed records allocated, by tree, for the
     * engine to free those of trees the catalog does not know (a creation cut short by a crash).
     */
    record Outcome(
            RecoverySummary summary,
            SortedMap<Long, RecoveredBatches.Pending> batches,
            Map<Integer, Long> pendingDrops,
            Map<Integer, List<Long>> allocatedPages,
            UserMeta userMeta) {}

    /**
     * Replays the log from the store's checkpoint.
     *
     * @param store the page store
     * @param wal the log, opened as needed from the checkpoint ({@link Wal#open(dev.pagebox.internal.wal.WalConfig,
     *     long)} checked that it reaches that far)
     * @param maxCachedPages pages redo keeps in memory
     * @return what redo found
     */
    static Outcome run(PageStore store, Wal wal, int maxCachedPages) {
        long started = System.nanoTime();
        long from = store.header().checkpointLsn();
        if (from < wal.firstLsn() || from > wal.endLsn()) {
            throw new CorruptStoreException("the checkpoint in " + store.dataFile() + " starts redo at LSN " + from
                    + ", but the write-ahead log in " + wal.config().directory() + " holds LSNs " + wal.firstLsn()
                    + " to " + wal.endLsn() + " (restore the store from a backup)");
        }
        StoreRedoPages pages = new StoreRedoPages(store, maxCachedPages, wal.endLsn());
        UserMeta userMeta = new UserMeta(store.header().userMeta());
        Map<Integer, Long> pendingDrops = new LinkedHashMap<>();
        Map<Integer, List<Long>> dropPages = new HashMap<>();
        ReplayResult result = wal.replay(from, (lsn, type, payload) -> {
            if (TreeRedo.handles(type)) {
                TreeRedo.apply(type, payload, lsn, pages);
            } else if (type == BatchRecord.TYPE) {
                pages.batches().record(lsn, Keys.bytes(payload));
            } else if (type == UserMeta.TYPE) {
                UserMeta.Change change = UserMeta.Change.read(payload);
                userMeta.set(change.slot(), change.value());
                if (change.batchLsn() != 0) {
                    pages.batchStep(change.batchLsn(), change.step());
                }
            } else if (type == DropRecords.BEGIN) {
                pendingDrops.put(DropRecords.treeId(payload), DropRecords.rootPageId(payload));
            } else if (type == DropRecords.PAGES) {
                List<Long> freed = dropPages.computeIfAbsent(DropRecords.treeId(payload), id -> new ArrayList<>());
                DropRecords.forEachPage(payload, freed::add);
            } else if (type == DropRecords.END) {
                int treeId = DropRecords.treeId(payload);
                pendingDrops.remove(treeId);
                dropPages.getOrDefault(treeId, List.of()).forEach(pages::freed);
                dropPages.remove(treeId);
            } else {
                throw new CorruptStoreException("unknown log record type " + type + " at LSN " + lsn);
            }
        });
        pages.finish();
        RecoverySummary summary = new RecoverySummary(
                from,
                result.endLsn(),
                result.records(),
                pages.pagesWritten(),
                pages.pagesRepaired(),
                result.tailCut(),
                Duration.ofNanos(System.nanoTime() - started));
        return new Outcome(summary, pages.batches().pending(), pendingDrops, pages.allocatedPages(), userMeta);
    }
}
