/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.CorruptPageException;
import dev.pagebox.internal.page.PageIds;
import dev.pagebox.internal.store.FreePageAllocator;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;

/** Where the pool's pages live on disk: page reads, writes and allocation. Normally a {@link PageStore}. */
public interface PageIo {

    /**
     * Reads a page, checking its checksum and identity.
     *
     * @param pageId the page
     * @param destination one page of memory
     * @throws dev.pagebox.CorruptPageException if the page is damaged
     */
    void read(long pageId, MemorySegment destination);

    /**
     * Writes a page (stamping its checksum into {@code source}, a private copy).
     *
     * @param pageId the page
     * @param source one page of memory
     */
    void write(long pageId, MemorySegment source);

    /**
     * Writes a page that no log record describes (an overflow value's chunk); see
     * {@link PageStore#writeUnloggedPage}.
     *
     * @param pageId the page
     * @param source one page of memory
     */
    default void writeUnlogged(long pageId, MemorySegment source) {
        write(pageId, source);
    }

    /**
     * Allocates a page id, provisional until {@code hold} closes (see {@link FreePageAllocator}).
     *
     * @param hold the allocating operation's hold on the redo point
     * @return a free page id
     */
    long allocate(RedoHolds.Hold hold);

    /**
     * Returns a page id to the free set.
     *
     * @param pageId the page
     */
    void free(long pageId);

    /** Makes every page written so far durable (pages written outside the pool, such as overflow values). */
    void sync();

    /**
     * Describes a page that holds what it should not, naming its file and offset where known.
     *
     * @param pageId the page
     * @param detail what is wrong
     * @return the exception to throw
     */
    default CorruptPageException corrupt(long pageId, String detail) {
        return new CorruptPageException(pageId, detail);
    }

    /**
     * Adapts a page store.
     *
     * @param store the store
     * @return its page I/O
     */
    static PageIo of(PageStore store) {
        return new PageIo() {
            @Override
            public void read(long pageId, MemorySegment destination) {
                store.readPage(pageId, destination);
            }

            @Override
            public void write(long pageId, MemorySegment source) {
                store.writePage(pageId, source);
            }

            @Override
            public void writeUnlogged(long pageId, MemorySegment source) {
                store.writeUnloggedPage(pageId, source);
            }

            @Override
            public long allocate(RedoHolds.Hold hold) {
                return store.allocator().allocate(hold);
            }

            @Override
            public void free(long pageId) {
                store.allocator().free(pageId);
            }

            @Override
            public void sync() {
                store.sync();
            }

            @Override
            public CorruptPageException corrupt(long pageId, String detail) {
                return new CorruptPageException(
                        pageId, store.dataFile(), PageIds.fileOffset(pageId, store.pageSize()), detail);
            }
        };
    }
}
