/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.CorruptStoreException;
import dev.pagebox.internal.btree.RedoPages;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageIds;
import dev.pagebox.internal.store.PageReadOutcome;
import dev.pagebox.internal.store.PageStore;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recovery's pages: read from the store on first use, changed in memory by redo, written back when there are too
 * many (the log records being replayed are durable, so any redone page may be written at any time) and at the
 * end. A page that fails its checksum is torn: redo skips its records until the page's image arrives, and a page
 * still torn at the end is reported, unless a later record freed it.
 *
 * <p>A page read from disk whose LSN lies at or beyond the log's end proves that the log lost records that were
 * durable (a page is written only once the log is durable up to its LSN): that is corruption, never replayed
 * over. The tree each allocated page last belonged to is remembered, so that the engine can free the pages of a
 * tree whose creation did not reach the catalog.
 */
final class StoreRedoPages implements RedoPages {
    private final PageStore store;
    private final int pageSize;
    private final int maxCached;
    private final Map<Long, MemorySegment> pages = new LinkedHashMap<>();
    private final Set<Long> torn = new HashSet<>();
    private final Set<Long> repaired = new HashSet<>();
    private final RecoveredBatches batches;
    private final Map<Long, Integer> allocatedBy = new HashMap<>();
    private final long logEnd;
    private long written;

    StoreRedoPages(PageStore store, int maxCached, long logEnd) {
        this.store = store;
        this.batches = new RecoveredBatches(store.header().checkpointLsn());
        this.pageSize = store.pageSize();
        this.maxCached = Math.max(16, maxCached);
        this.logEnd = logEnd;
    }

    @Override
    public @Nullable MemorySegment page(long pageId) {
        if (torn.contains(pageId)) {
            return null;
        }
        MemorySegment page = pages.get(pageId);
        if (page != null) {
            return page;
        }
        page = buffer();
        PageReadOutcome outcome = store.tryReadPage(pageId, page);
        if (outcome != PageReadOutcome.VALID) {
            torn.add(pageId);
            return null;
        }
        checkLsn(pageId, page);
        cache(pageId, page);
        return page;
    }

    private void checkLsn(long pageId, MemorySegment page) {
        long pageLsn = PageHeaderLayout.pageLsn(page);
        if (pageLsn >= logEnd) {
            throw new CorruptStoreException("write-ahead log of " + store.directory() + " is corrupt: page " + pageId
                    + " of " + store.dataFile() + " (offset " + PageIds.fileOffset(pageId, pageSize) + ") carries LSN "
                    + pageLsn + ", but the log ends at LSN " + logEnd + "; pages are written only after the log is "
                    + "durable up to their LSN, so durable log records were lost (restore the store from a backup)");
        }
    }

    @Override
    public MemorySegment pageForImage(long pageId) {
        MemorySegment page = pages.get(pageId);
        if (page != null) {
            return page;
        }
        page = buffer();
        if (!torn.contains(pageId) && store.tryReadPage(pageId, page) == PageReadOutcome.VALID) {
            checkLsn(pageId, page);
            cache(pageId, page);
            return page;
        }
        if (torn.remove(pageId)) {
            repaired.add(pageId);
        }
        page.fill((byte) 0);
        cache(pageId, page);
        return page;
    }

    @Override
    public String describe(long pageId) {
        return "page " + pageId + " of " + store.dataFile() + " (offset " + PageIds.fileOffset(pageId, pageSize) + ")";
    }

    @Override
    public void allocated(int treeId, long pageId) {
        store.allocator().markAllocated(pageId);
        allocatedBy.put(pageId, treeId);
    }

    @Override
    public void freed(long pageId) {
        store.allocator().markFree(pageId);
        allocatedBy.remove(pageId);
        torn.remove(pageId); // a damaged page that is freed needs no repair
        pages.remove(pageId);
    }

    @Override
    public void batchStep(long batchLsn, int step) {
        batches.stepSeen(batchLsn, step);
    }

    @Override
    public @Nullable BatchEntry batchEntry(long batchLsn, int step) {
        return batches.entry(batchLsn, step);
    }

    /** The pages replayed records allocated and no later record freed, by the tree they belong to. */
    Map<Integer, List<Long>> allocatedPages() {
        Map<Integer, List<Long>> byTree = new HashMap<>();
        allocatedBy.forEach((pageId, treeId) ->
                byTree.computeIfAbsent(treeId, id -> new ArrayList<>()).add(pageId));
        return byTree;
    }

    /** The batches redo met, and which of their steps it saw. */
    RecoveredBatches batches() {
        return batches;
    }

    private void cache(long pageId, MemorySegment page) {
        if (pages.size() >= maxCached) {
            var eldest = pages.entrySet().iterator().next();
            write(eldest.getKey(), eldest.getValue());
            pages.remove(eldest.getKey());
        }
        pages.put(pageId, page);
    }

    private void write(long pageId, MemorySegment page) {
        store.writePage(pageId, page);
        written++;
    }

    private MemorySegment buffer() {
        return MemorySegment.ofBuffer(ByteBuffer.allocateDirect(2 * pageSize).alignedSlice(pageSize))
                .asSlice(0, pageSize);
    }

    /**
     * Writes every redone page and syncs the file.
     *
     * @throws CorruptStoreException if a page is torn and the log held no image to rebuild it from
     */
    void finish() {
        if (!torn.isEmpty()) {
            throw new CorruptStoreException("pages " + torn + " of " + store.directory()
                    + " are damaged and the write-ahead log holds no image to rebuild them from");
        }
        for (Map.Entry<Long, MemorySegment> entry : pages.entrySet()) {
            write(entry.getKey(), entry.getValue());
        }
        pages.clear();
        store.sync();
    }

    long pagesWritten() {
        return written;
    }

    int pagesRepaired() {
        return repaired.size();
    }
}
