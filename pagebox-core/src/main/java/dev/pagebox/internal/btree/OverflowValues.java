/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CorruptPageException;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * Stores values too large for a leaf in chains of overflow pages ({@link OverflowPageLayout}), written straight
 * to the page store rather than through the pool: a value is written and synced before the leaf record that
 * references it is logged, so the log never names pages that might not be on disk, and the value costs no log
 * bytes.
 */
final class OverflowValues {
    private final PageIo io;
    private final TreeLog log;
    private final int pageSize;
    private final int capacity;

    OverflowValues(PageIo io, TreeLog log, int pageSize) {
        this.io = io;
        this.log = log;
        this.pageSize = pageSize;
        this.capacity = OverflowPageLayout.capacity(pageSize);
    }

    /** How many pages a value of {@code length} bytes takes. */
    int pagesFor(long length) {
        return (int) ((length + capacity - 1) / capacity);
    }

    /**
     * Writes a value into newly allocated pages and syncs them.
     *
     * @param hold the put's hold: the pages are provisional until the record referencing them is logged
     * @return the chain's page ids, first to last
     */
    long[] write(int treeId, MemorySegment value, RedoHolds.Hold hold) {
        long[] pages = new long[pagesFor(value.byteSize())];
        int allocated = 0;
        try (Arena arena = Arena.ofConfined()) {
            for (; allocated < pages.length; allocated++) {
                pages[allocated] = io.allocate(hold);
            }
            // A page may have been freed by a merge whose record is not durable yet; were the page overwritten
            // and the store to crash, the recovered tree would still reference it.
            log.flushAll();
            // Written outside the log, the pages carry an LSN just below the durable end: at or above every record
            // of the page's earlier uses (all durable now), so redo never applies one of those to this content.
            long pageLsn = log.durableLsn() - 1;
            MemorySegment page = arena.allocate(pageSize, pageSize);
            for (int i = 0; i < pages.length; i++) {
                long from = (long) i * capacity;
                int length = (int) Math.min(capacity, value.byteSize() - from);
                page.fill((byte) 0);
                PageHeaderLayout.initialize(page, pages[i], PageType.OVERFLOW, treeId);
                PageHeaderLayout.setPageLsn(page, pageLsn);
                OverflowPageLayout.write(page, i + 1 < pages.length ? pages[i + 1] : 0, length);
                MemorySegment.copy(value, from, page, OverflowPageLayout.DATA, length);
                io.writeUnlogged(pages[i], page);
            }
            io.sync();
            return pages;
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < allocated; i++) {
                io.free(pages[i]);
            }
            throw e;
        }
    }

    /**
     * Reads a value into {@code target}, checking every page's checksum and the chain's shape.
     *
     * @throws CorruptPageException if a page is damaged or the chain does not match the reference
     */
    void read(OverflowRef ref, MemorySegment target) {
        walk(ref, target, null);
    }

    /** The page ids of a value's chain, read from disk. */
    long[] chain(OverflowRef ref) {
        long[] pages = new long[pagesFor(ref.length())];
        walk(ref, null, pages);
        return pages;
    }

    private void walk(OverflowRef ref, @Nullable MemorySegment target, long @Nullable [] pages) {
        int count = pagesFor(ref.length());
        long pageId = ref.firstPageId();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(pageSize, pageSize);
            for (int i = 0; i < count; i++) {
                io.read(pageId, page);
                long from = (long) i * capacity;
                int expected = (int) Math.min(capacity, ref.length() - from);
                long next = OverflowPageLayout.next(page);
                if (PageHeaderLayout.typeCode(page) != PageType.OVERFLOW.code()
                        || OverflowPageLayout.length(page) != expected
                        || (next == 0) != (i == count - 1)) {
                    throw io.corrupt(pageId, "not chunk " + i + " of a " + ref.length() + "-byte overflow value");
                }
                if (target != null) {
                    MemorySegment.copy(page, OverflowPageLayout.DATA, target, from, expected);
                }
                if (pages != null) {
                    pages[i] = pageId;
                }
                pageId = next;
            }
        }
    }

    /** Returns a chain's pages to the allocator. The caller made the record that dropped the value durable. */
    void free(long[] pages) {
        for (long page : pages) {
            io.free(page);
        }
    }
}
