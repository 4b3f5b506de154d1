/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CorruptStoreException;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.swip.SwipWord;
import java.lang.foreign.MemorySegment;
import java.nio.BufferUnderflowException;
import org.jspecify.annotations.Nullable;

/**
 * Redo of {@link TreeRecords}: applies a record to each page it covers whose page LSN is below the record's,
 * using the same {@link NodeOps} as the run-time change, so replay is idempotent and byte-exact. Allocator
 * effects (pages allocated and freed) are reported whether or not the pages needed the change.
 */
public final class TreeRedo {
    private TreeRedo() {}

    /** Whether a WAL record type is one of the tree's. */
    public static boolean handles(int type) {
        return TreeRecords.isTreeRecord(type);
    }

    /** The type of full-page image records. */
    public static final int IMAGE = TreeRecords.IMAGE;

    /**
     * Names a tree record type, for statistics.
     *
     * @param type a type {@link #handles} accepts
     * @return its name, e.g. {@code put} or {@code root-split}
     */
    public static String name(int type) {
        return switch (type) {
            case TreeRecords.PUT -> "put";
            case TreeRecords.DELETE -> "delete";
            case TreeRecords.IMAGE -> "image";
            case TreeRecords.SPLIT -> "split";
            case TreeRecords.ROOT_SPLIT -> "root-split";
            case TreeRecords.MERGE -> "merge";
            case TreeRecords.ROOT_COLLAPSE -> "root-collapse";
            case TreeRecords.STEP -> "step";
            case TreeRecords.BATCH_PUT -> "batch-put";
            case TreeRecords.BATCH_DELETE -> "batch-delete";
            case TreeRecords.BULK_ATTACH -> "bulk-attach";
            default -> "tree-" + type;
        };
    }

    /**
     * Applies one record.
     *
     * @param type the record type
     * @param payload its payload
     * @param lsn its LSN
     * @param pages the pages and allocator
     */
    public static void apply(int type, MemorySegment payload, long lsn, RedoPages pages) {
        LastPage tracked = new LastPage(pages);
        try {
            applyChecked(type, payload, lsn, tracked);
        } catch (OptimisticRestart | IndexOutOfBoundsException | BufferUnderflowException e) {
            // Redo changes a page only if its LSN is older than the record, so the page held this record's
            // predecessor state when it was last written: content that does not fit means damage.
            throw new CorruptStoreException("cannot redo the log record of type " + type + " at LSN " + lsn + ": "
                    + pages.describe(tracked.pageId) + " does not hold the content the record was made for");
        }
    }

    /** Remembers the page redo changes last, to name it when its content does not fit the record. */
    private static final class LastPage implements RedoPages {
        private final RedoPages pages;
        long pageId;

        LastPage(RedoPages pages) {
            this.pages = pages;
        }

        @Override
        public @Nullable MemorySegment page(long pageId) {
            this.pageId = pageId;
            return pages.page(pageId);
        }

        @Override
        public MemorySegment pageForImage(long pageId) {
            this.pageId = pageId;
            return pages.pageForImage(pageId);
        }

        @Override
        public void allocated(int treeId, long pageId) {
            pages.allocated(treeId, pageId);
        }

        @Override
        public void freed(long pageId) {
            pages.freed(pageId);
        }

        @Override
        public void batchStep(long batchLsn, int step) {
            pages.batchStep(batchLsn, step);
        }

        @Override
        public @Nullable BatchEntry batchEntry(long batchLsn, int step) {
            return pages.batchEntry(batchLsn, step);
        }
    }

    private static void applyChecked(int type, MemorySegment payload, long lsn, RedoPages pages) {
        TreeRecords.Reader in = new TreeRecords.Reader(payload);
        int treeId = in.i32();
        switch (type) {
            case TreeRecords.PUT -> put(in, treeId, lsn, pages);
            case TreeRecords.DELETE -> delete(in, lsn, pages);
            case TreeRecords.IMAGE -> {
                long pageId = in.i64();
                pages.allocated(treeId, pageId);
                install(pages, pageId, PageImages.read(in), lsn);
            }
            case TreeRecords.SPLIT -> split(in, treeId, lsn, pages);
            case TreeRecords.ROOT_SPLIT -> rootSplit(in, treeId, lsn, pages);
            case TreeRecords.MERGE -> merge(in, lsn, pages);
            case TreeRecords.STEP -> pages.batchStep(in.i64(), in.i32());
            case TreeRecords.BATCH_PUT -> batchPut(in, treeId, lsn, pages);
            case TreeRecords.BATCH_DELETE -> batchDelete(in, lsn, pages);
            case TreeRecords.ROOT_COLLAPSE -> {
                long rootId = in.i64();
                long childId = in.i64();
                pages.freed(childId);
                install(pages, rootId, PageImages.read(in), lsn);
            }
            case TreeRecords.BULK_ATTACH -> bulkAttach(in, treeId, lsn, pages);
            default -> throw new IllegalArgumentException("not a tree record type: " + type);
        }
    }

    private static void put(TreeRecords.Reader in, int treeId, long lsn, RedoPages pages) {
        long pageId = in.i64();
        MemorySegment key = in.rest(in.u16());
        int valueWord = in.i32();
        MemorySegment inline = in.rest(in.i32());
        for (long allocated : in.pages()) {
            pages.allocated(treeId, allocated);
        }
        for (long freed : in.pages()) {
            pages.freed(freed);
        }
        reportStep(in, pages);
        MemorySegment page = pages.page(pageId);
        if (needs(page, lsn)) {
            NodeOps.put(page, key, valueWord, inline);
            PageHeaderLayout.setPageLsn(page, lsn);
        }
    }

    private static void delete(TreeRecords.Reader in, long lsn, RedoPages pages) {
        long pageId = in.i64();
        MemorySegment key = in.rest(in.u16());
        for (long freed : in.pages()) {
            pages.freed(freed);
        }
        reportStep(in, pages);
        MemorySegment page = pages.page(pageId);
        if (needs(page, lsn)) {
            NodeOps.delete(page, key);
            PageHeaderLayout.setPageLsn(page, lsn);
        }
    }

    /**
     * Redoes a batch step's put. The key and value are in the batch's record, which redo meets first unless a
     * checkpoint's redo point fell between the two; the batch had then finished before the checkpoint read the
     * log's end, so the checkpoint wrote the step's page, or the page was freed before it (see
     * {@link dev.pagebox.internal.wal.RedoHolds}), and redo skips the step. Looked up only for a page that needs it.
     */
    private static void batchPut(TreeRecords.Reader in, int treeId, long lsn, RedoPages pages) {
        long pageId = in.i64();
        long batch = in.i64();
        int step = in.i32();
        int valueWord = in.i32();
        MemorySegment logged = in.rest(in.i32());
        for (long allocated : in.pages()) {
            pages.allocated(treeId, allocated);
        }
        for (long freed : in.pages()) {
            pages.freed(freed);
        }
        MemorySegment page = pages.page(pageId);
        RedoPages.BatchEntry entry = needs(page, lsn) ? pages.batchEntry(batch, step) : null;
        if (entry != null) {
            MemorySegment inline;
            if ((valueWord & NodeLayout.OVERFLOW_FLAG) != 0) {
                inline = logged;
            } else {
                byte[] value = entry.value();
                if (value == null || value.length != valueWord || logged.byteSize() != 0) {
                    throw new CorruptStoreException("the batch put at LSN " + lsn + " does not match step " + step
                            + " of the batch record at LSN " + batch);
                }
                inline = MemorySegment.ofArray(value);
            }
            NodeOps.put(page, MemorySegment.ofArray(entry.key()), valueWord, inline);
            PageHeaderLayout.setPageLsn(page, lsn);
        }
        pages.batchStep(batch, step);
    }

    /** Redoes a batch step's delete; the key is looked up as {@link #batchPut} does. */
    private static void batchDelete(TreeRecords.Reader in, long lsn, RedoPages pages) {
        long pageId = in.i64();
        long batch = in.i64();
        int step = in.i32();
        for (long freed : in.pages()) {
            pages.freed(freed);
        }
        MemorySegment page = pages.page(pageId);
        RedoPages.BatchEntry entry = needs(page, lsn) ? pages.batchEntry(batch, step) : null;
        if (entry != null) {
            NodeOps.delete(page, MemorySegment.ofArray(entry.key()));
            PageHeaderLayout.setPageLsn(page, lsn);
        }
        pages.batchStep(batch, step);
    }

    private static void reportStep(TreeRecords.Reader in, RedoPages pages) {
        long batch = in.i64();
        int step = in.i32();
        if (batch != 0) {
            pages.batchStep(batch, step);
        }
    }

    private static void split(TreeRecords.Reader in, int treeId, long lsn, RedoPages pages) {
        long parentId = in.i64();
        long nodeId = in.i64();
        long newId = in.i64();
        int index = in.u16();
        byte[] separator = in.bytes(in.u16());
        pages.allocated(treeId, newId);
        install(pages, newId, PageImages.read(in), lsn);
        MemorySegment node = pages.page(nodeId);
        if (needs(node, lsn)) {
            NodeOps.keepRight(node, NodeEdits.copyOf(node), index, separator);
            PageHeaderLayout.setPageLsn(node, lsn);
        }
        MemorySegment parent = pages.page(parentId);
        if (needs(parent, lsn)) {
            NodeOps.insertSeparator(parent, separator, SwipWord.evicted(newId));
            PageHeaderLayout.setPageLsn(parent, lsn);
        }
    }

    private static void rootSplit(TreeRecords.Reader in, int treeId, long lsn, RedoPages pages) {
        long rootId = in.i64();
        long leftId = in.i64();
        long rightId = in.i64();
        byte[] separator = in.bytes(in.u16());
        pages.allocated(treeId, leftId);
        pages.allocated(treeId, rightId);
        MemorySegment left = PageImages.read(in);
        install(pages, leftId, left, lsn);
        install(pages, rightId, PageImages.read(in), lsn);
        MemorySegment root = pages.page(rootId);
        if (needs(root, lsn)) {
            NodeOps.buildSplitRoot(
                    root, NodeLayout.level(left), separator, SwipWord.evicted(leftId), SwipWord.evicted(rightId));
            PageHeaderLayout.setPageLsn(root, lsn);
        }
    }

    private static void merge(TreeRecords.Reader in, long lsn, RedoPages pages) {
        long parentId = in.i64();
        int slot = in.u16();
        long leftId = in.i64();
        long rightId = in.i64();
        pages.freed(leftId);
        install(pages, rightId, PageImages.read(in), lsn);
        MemorySegment parent = pages.page(parentId);
        if (needs(parent, lsn)) {
            NodeEdits.removeSlot(parent, slot);
            PageHeaderLayout.setPageLsn(parent, lsn);
        }
    }

    /**
     * A bulk load's end: its pages (written and synced before the record) become allocated, and the root takes the
     * image that references them.
     */
    private static void bulkAttach(TreeRecords.Reader in, int treeId, long lsn, RedoPages pages) {
        long rootId = in.i64();
        int runs = in.i32();
        for (int run = 0; run < runs; run++) {
            long first = in.i64();
            int length = in.i32();
            for (long page = first; page < first + length; page++) {
                pages.allocated(treeId, page);
            }
        }
        install(pages, rootId, PageImages.read(in), lsn);
    }

    private static void install(RedoPages pages, long pageId, MemorySegment image, long lsn) {
        MemorySegment page = pages.pageForImage(pageId);
        if (needs(page, lsn)) {
            if (image.byteSize() != page.byteSize()) {
                throw new IndexOutOfBoundsException(
                        "an image of " + image.byteSize() + " bytes for a page of " + page.byteSize());
            }
            MemorySegment.copy(image, 0, page, 0, page.byteSize());
            PageHeaderLayout.setPageLsn(page, lsn);
        }
    }

    private static boolean needs(@Nullable MemorySegment page, long lsn) {
        return page != null && PageHeaderLayout.pageLsn(page) < lsn;
    }
}
