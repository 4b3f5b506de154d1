/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CorruptPageException;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Pages in memory with checksums checked on read, and an allocator that reuses freed ids lowest first, so page
 * reuse happens all the time in tests. Page ids start at 2, as in the real store.
 */
final class MemoryPages implements PageIo {
    private final Map<Long, byte[]> pages = new HashMap<>();
    private final NavigableSet<Long> free = new TreeSet<>();
    private long next = 2;
    private long writes;

    MemoryPages() {}

    private MemoryPages(MemoryPages source) {
        pages.putAll(source.pages); // stored arrays are never changed in place: write() replaces them
        free.addAll(source.free);
        next = source.next;
    }

    /** An independent store with the same pages and allocator state. */
    synchronized MemoryPages copy() {
        return new MemoryPages(this);
    }

    @Override
    public synchronized void read(long pageId, MemorySegment destination) {
        byte[] bytes = pages.get(pageId);
        if (bytes == null) {
            throw new CorruptPageException(pageId, "never written");
        }
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, destination, 0, bytes.length);
        if (PageHeaderLayout.computeChecksum(destination) != PageHeaderLayout.storedChecksum(destination)
                || PageHeaderLayout.pageId(destination) != pageId) {
            throw new CorruptPageException(pageId, "checksum or identity mismatch");
        }
    }

    @Override
    public synchronized void write(long pageId, MemorySegment source) {
        if (free.contains(pageId) || pageId >= next) {
            throw new AssertionError("write of unallocated page " + pageId);
        }
        PageHeaderLayout.stampChecksum(source);
        pages.put(pageId, source.toArray(ValueLayout.JAVA_BYTE));
        writes++;
    }

    @Override
    public synchronized long allocate(RedoHolds.Hold hold) {
        Long reused = free.pollFirst();
        return reused != null ? reused : next++;
    }

    @Override
    public synchronized void free(long pageId) {
        if (pageId < 2 || pageId >= next || !free.add(pageId)) {
            throw new AssertionError("double or bogus free of page " + pageId);
        }
    }

    @Override
    public void sync() {}

    /** Copies of every written page that is allocated now. */
    synchronized Map<Long, byte[]> snapshot() {
        Map<Long, byte[]> copy = new HashMap<>();
        pages.forEach((id, bytes) -> {
            if (!free.contains(id)) {
                copy.put(id, bytes.clone());
            }
        });
        return copy;
    }

    synchronized boolean isAllocated(long pageId) {
        return pageId >= 2 && pageId < next && !free.contains(pageId);
    }

    synchronized long allocatedPages() {
        return next - 2 - free.size();
    }

    synchronized long writes() {
        return writes;
    }
}
