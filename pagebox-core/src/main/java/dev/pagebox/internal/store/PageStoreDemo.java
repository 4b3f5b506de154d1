/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import dev.pagebox.internal.mem.PoolMemory;
import dev.pagebox.internal.nativeio.CpuTopology;
import dev.pagebox.internal.nativeio.NativeIo;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A small demonstration of the page store until the sample application takes over: writes pages, takes a
 * checkpoint, reopens the store and verifies every page. Usage: {@code PageStoreDemo [directory] [pages]}.
 */
public final class PageStoreDemo {
    private PageStoreDemo() {}

    /**
     * Runs the demo.
     *
     * @param args optional data directory (default {@code pagebox-demo}) and page count (default 10000)
     */
    public static void main(String[] args) {
        Path directory = Path.of(args.length > 0 ? args[0] : "pagebox-demo");
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        PrintStream out = System.out;
        CpuTopology topology = CpuTopology.detect();
        out.printf(
                "native I/O: %s; %d CPUs on %d cores%n",
                NativeIo.system().isNative() ? "Linux FFM" : "portable fallback",
                topology.cpus().size(),
                topology.physicalCores());

        long[] ids = new long[pages];
        long started = System.nanoTime();
        try (PoolMemory memory = new PoolMemory(NativeIo.system());
                PageStore store = PageStore.open(directory, PageStoreConfig.of(PageStoreConfig.DEFAULT_PAGE_SIZE))) {
            out.printf(
                    "%s store in %s, page size %d, checkpoint %d%n",
                    store.created() ? "created" : "opened",
                    directory.toAbsolutePath(),
                    store.pageSize(),
                    store.header().sequence());
            MemorySegment page = memory.allocate(store.pageSize(), store.pageSize());
            for (int i = 0; i < pages; i++) {
                ids[i] = store.allocator().allocate();
                PageHeaderLayout.initialize(page, ids[i], PageType.BTREE_LEAF, 1);
                page.asByteBuffer().putInt(PageHeaderLayout.SIZE, i);
                store.writePage(ids[i], page);
            }
            store.writeCheckpoint(0, ids[0], new byte[StoreHeader.USER_META_BYTES]);
        }
        double writeMillis = (System.nanoTime() - started) / 1e6;

        try (PoolMemory memory = new PoolMemory(NativeIo.system());
                PageStore store = PageStore.open(directory, PageStoreConfig.of(0))) {
            MemorySegment page = memory.allocate(store.pageSize(), store.pageSize());
            for (int i = 0; i < pages; i++) {
                store.readPage(ids[i], page);
                if (page.asByteBuffer().getInt(PageHeaderLayout.SIZE) != i) {
                    throw new IllegalStateException("page " + ids[i] + " lost its content");
                }
            }
            // Give the demo's pages back so repeated runs do not grow the file.
            for (long id : ids) {
                store.allocator().free(id);
            }
            store.writeCheckpoint(0, 0, new byte[StoreHeader.USER_META_BYTES]);
            out.printf(
                    "wrote, checkpointed, reopened and verified %d pages in %.0f ms; %d pages in the file, %d free%n",
                    pages,
                    writeMillis,
                    store.allocator().pageCount(),
                    store.allocator().freePages());
        }
    }
}
