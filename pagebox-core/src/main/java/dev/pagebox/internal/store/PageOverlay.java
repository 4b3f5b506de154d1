/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages a store opened read-only has written since the open (recovery's redone pages, evicted dirty pages,
 * overflow values of batches finished at open), kept in memory instead of the file, which is never written. Reads
 * look here first.
 */
final class PageOverlay {
    private final Map<Long, byte[]> pages = new ConcurrentHashMap<>();
    private final int pageSize;

    PageOverlay(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Copies a kept page into {@code destination}; false if the page was never written since the open. */
    boolean read(long pageId, MemorySegment destination) {
        byte[] kept = pages.get(pageId);
        if (kept == null) {
            return false;
        }
        MemorySegment.copy(MemorySegment.ofArray(kept), 0, destination, 0, pageSize);
        return true;
    }

    /** Keeps a copy of a page written. */
    void write(long pageId, MemorySegment page) {
        byte[] copy = new byte[pageSize];
        MemorySegment.copy(page, 0, MemorySegment.ofArray(copy), 0, pageSize);
        pages.put(pageId, copy);
    }
}
