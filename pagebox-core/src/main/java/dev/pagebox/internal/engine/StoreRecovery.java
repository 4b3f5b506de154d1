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
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Redo on open: replays the log from the last checkpoint onto the store's pages (each record only where a page's
 * LSN is older, so replay is idempotent), repairs torn pages from their logged images, replays the allocator's
 * changes, writes the pages back and syncs. The caller then checkpoints, so the next open replays nothing.
 */
final class StoreRecovery {
    private StoreRecovery() {}

    /**
     * What redo found: the summary, and the batches whose record is durable, by LSN, with the steps that reached
     * the log; the engine finishes their other steps once the trees are open.
     */
    record Outcome(RecoverySummary summary, SortedMap<Long, byte[]> batches, Map<Long, Set<Integer>> batchSteps) {}

    static Outcome run(PageStore store, Wal wal, int maxCachedPages) {
        long started = System.nanoTime();
        long from = Math.max(store.header().checkpointLsn(), wal.firstLsn());
        StoreRedoPages pages = new StoreRedoPages(store, maxCachedPages);
        SortedMap<Long, byte[]> batches = new TreeMap<>();
        ReplayResult result = wal.replay(from, (lsn, type, payload) -> {
            if (TreeRedo.handles(type)) {
                TreeRedo.apply(type, payload, lsn, pages);
            } else if (type == BatchRecord.TYPE) {
                batches.put(lsn, Keys.bytes(payload));
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
        return new Outcome(summary, batches, pages.batchSteps());
    }
}
