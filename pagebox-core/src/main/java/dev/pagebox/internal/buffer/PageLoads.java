/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The in-flight table: page reads in progress by page id, so that concurrent faults of one page do one read, and so
 * that eviction can tell a read that may predate its write-back ({@link PageLoad#markStale}).
 */
final class PageLoads {
    private final Map<Long, PageLoad> loads = new ConcurrentHashMap<>();

    /**
     * Registers a read of a page, unless one is in progress.
     *
     * @param pageId the page
     * @param load the caller's load
     * @return null if the caller's load is registered (it reads, then calls {@link #end}); else the load in
     *     progress, which the caller waits for before it retries
     */
    @Nullable
    PageLoad begin(long pageId, PageLoad load) {
        return loads.putIfAbsent(pageId, load);
    }

    /** Unregisters a load and wakes its waiters. */
    void end(long pageId, PageLoad load) {
        loads.remove(pageId, load);
        load.finish();
    }

    /**
     * Called by eviction, holding the parent exclusively, before it turns a page's swip into the page id: a load of
     * that page registered meanwhile may have read the page before this write-back, so it must not install what it
     * read.
     */
    void markStale(long pageId) {
        PageLoad load = loads.get(pageId);
        if (load != null) {
            load.markStale();
        }
    }
}
