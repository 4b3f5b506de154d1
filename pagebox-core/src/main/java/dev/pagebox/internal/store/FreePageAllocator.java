/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import dev.pagebox.internal.page.PageIds;
import dev.pagebox.internal.wal.RedoHolds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Hands out and takes back data pages. The free set is a bitmap over {@code [0, pageCount)} (bit set = free),
 * one bit per page: 8 MiB of heap covers 1 TiB of 16 KiB pages. When no page is free, the data file grows
 * by an extent (an eighth of its size, at least 1 MiB, at most 64 MiB) through {@link FileGrowth}, not by one
 * page at a time.
 *
 * <h2>Persistence</h2>
 * A checkpoint stores {@link #snapshot()} beside the header (see {@link FreeSpaceFile}); the changes after it
 * are in the write-ahead log (every page allocation and free is part of a logged structure change), and
 * recovery re-applies them with {@link #markAllocated} and {@link #markFree}, which are idempotent.
 *
 * <p>A page is allocated before the record that uses it is logged, so a page is <b>provisional</b> while the
 * operation that allocated it is in progress: {@link #allocate} takes the operation's
 * {@link RedoHolds.Hold}, and a snapshot lists a page as free while that hold is open. Were it listed as
 * allocated and the process to crash before the record reached the log, no record would ever free it again: a
 * leak. Listing it as free is safe because the hold keeps the checkpoint's redo point at or below the record,
 * so recovery replays the record (and marks the page allocated) whenever the record is durable. Once the hold
 * is closed the record has been appended, and the checkpoint makes everything appended before the snapshot
 * durable before it stores the snapshot.
 *
 * <h2>Concurrency</h2>
 * All methods are {@code synchronized}: allocation happens on splits and merges, not per operation.
 */
public final class FreePageAllocator {
    private static final long MIN_EXTENT_BYTES = 1L << 20;
    private static final long MAX_EXTENT_BYTES = 64L << 20;
    private static final int MIN_EXTENT_PAGES = 16;

    /** Grows the data file so that it covers a page count. */
    @FunctionalInterface
    public interface FileGrowth {
        /**
         * Makes the file at least {@code pageCount * pageSize} bytes long.
         *
         * @param pageCount the pages the file must cover
         */
        void growTo(long pageCount);
    }

    private final int pageSize;
    private final FileGrowth growth;
    private long pageCount;
    private long[] freeBits;
    private long freePages;
    private long searchFrom;
    private final Map<Long, RedoHolds.Hold> provisional = new HashMap<>();
    /** While a backup runs, pages freed are kept here instead of being reused; null otherwise. */
    private @Nullable List<Long> deferred;

    private FreePageAllocator(int pageSize, FileGrowth growth, long pageCount) {
        if (pageCount < PageIds.FIRST_DATA || pageCount > PageIds.MAX + 1) {
            throw new IllegalArgumentException("page count " + pageCount + " is out of range");
        }
        this.pageSize = pageSize;
        this.growth = growth;
        this.pageCount = pageCount;
        this.freeBits = new long[wordsFor(pageCount)];
        this.searchFrom = PageIds.FIRST_DATA;
    }

    /**
     * Creates the allocator of a new store: only the header pages exist.
     *
     * @param pageSize the store's page size
     * @param growth extends the data file
     * @return an allocator with no data pages yet
     */
    public static FreePageAllocator empty(int pageSize, FileGrowth growth) {
        return new FreePageAllocator(pageSize, growth, PageIds.FIRST_DATA);
    }

    /**
     * Creates an allocator that takes every page of the file as allocated, for a store whose free-space snapshot
     * is damaged: {@link #freeAllBut} later frees what no tree reaches.
     *
     * @param pageSize the store's page size
     * @param growth extends the data file
     * @param pageCount the pages the file covers, from the store header
     * @return an allocator with no free page
     */
    public static FreePageAllocator allAllocated(int pageSize, FileGrowth growth, long pageCount) {
        return new FreePageAllocator(pageSize, growth, pageCount);
    }

    /**
     * Frees every data page that is not in use, for a store whose free-space snapshot was lost.
     *
     * @param inUse the pages some tree reaches
     * @return how many pages were freed
     */
    public synchronized long freeAllBut(LongPredicate inUse) {
        long freed = 0;
        for (long pageId = PageIds.FIRST_DATA; pageId < pageCount; pageId++) {
            if (!isFreeBit(pageId) && !provisional.containsKey(pageId) && !inUse.test(pageId)) {
                setFree(pageId, pageId + 1);
                freed++;
            }
        }
        searchFrom = PageIds.FIRST_DATA;
        return freed;
    }

    /**
     * Restores an allocator from a checkpoint snapshot.
     *
     * @param pageSize the store's page size
     * @param growth extends the data file
     * @param snapshot the snapshot
     * @return the allocator in the snapshot's state
     */
    public static FreePageAllocator restore(int pageSize, FileGrowth growth, FreeSpaceSnapshot snapshot) {
        FreePageAllocator allocator = new FreePageAllocator(pageSize, growth, snapshot.pageCount());
        long[] starts = snapshot.runStarts();
        long[] lengths = snapshot.runLengths();
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] < PageIds.FIRST_DATA) {
                throw new IllegalArgumentException("free run starts at header page " + starts[i]);
            }
            allocator.setFree(starts[i], starts[i] + lengths[i]);
        }
        return allocator;
    }

    /**
     * Takes a free page, growing the file by an extent if none is free. The page stays provisional (free in
     * snapshots) until {@code hold} is closed, which the caller does once the record using the page is logged.
     *
     * @param hold the allocating operation's hold, opened before this call (a closed one, where nothing is logged,
     *     makes the page an ordinary allocated one at once)
     * @return the page id, never a header page
     * @throws dev.pagebox.PageboxIoException if the file cannot grow (e.g. the disk is full); nothing changes
     */
    public synchronized long allocate(RedoHolds.Hold hold) {
        if (freePages == 0) {
            grow(pageCount + extentPages());
        }
        long pageId = nextFree(searchFrom);
        if (pageId < 0) {
            pageId = nextFree(PageIds.FIRST_DATA);
        }
        assert pageId >= PageIds.FIRST_DATA : "free count " + freePages + " but no free bit";
        clearFree(pageId);
        searchFrom = pageId + 1;
        if (hold.isOpen()) {
            provisional.put(pageId, hold);
        }
        return pageId;
    }

    /**
     * Returns a page to the free set.
     *
     * @param pageId an allocated data page
     * @throws IllegalStateException if the page is already free (a double free is a bug the caller must see)
     * @throws IllegalArgumentException if the page id is not a data page of this file
     */
    public synchronized void free(long pageId) {
        checkInRange(pageId);
        if (isFreeBit(pageId)) {
            throw new IllegalStateException("page " + pageId + " is already free");
        }
        provisional.remove(pageId);
        if (deferred != null) {
            deferred.add(pageId);
            return;
        }
        setFree(pageId, pageId + 1);
        if (pageId < searchFrom) {
            searchFrom = pageId;
        }
    }

    /** From now until {@link #releaseDeferredFrees}, freed pages are set aside instead of being reused. */
    public synchronized void deferFrees() {
        if (deferred == null) {
            deferred = new ArrayList<>();
        }
    }

    /** Frees the pages set aside since {@link #deferFrees} and frees pages at once again. */
    public synchronized void releaseDeferredFrees() {
        List<Long> pages = deferred;
        deferred = null;
        if (pages != null) {
            for (long pageId : pages) {
                if (pageId < pageCount && !isFreeBit(pageId)) {
                    setFree(pageId, pageId + 1);
                    searchFrom = Math.min(searchFrom, pageId);
                }
            }
        }
    }

    /**
     * Recovery: records that a logged change allocated a page; grows the covered range if needed. Idempotent.
     *
     * @param pageId the page
     */
    public synchronized void markAllocated(long pageId) {
        PageIds.checkDataPage(pageId);
        if (pageId >= pageCount) {
            grow(pageId + 1);
        }
        if (isFreeBit(pageId)) {
            clearFree(pageId);
        }
    }

    /**
     * Recovery: records that a logged change freed a page. Idempotent; pages beyond the covered range are
     * already free.
     *
     * @param pageId the page
     */
    public synchronized void markFree(long pageId) {
        PageIds.checkDataPage(pageId);
        if (pageId < pageCount && !isFreeBit(pageId)) {
            setFree(pageId, pageId + 1);
        }
    }

    /**
     * Tells whether a page is free.
     *
     * @param pageId the page
     * @return whether it is in the free set
     */
    public synchronized boolean isFree(long pageId) {
        return pageId >= PageIds.FIRST_DATA && pageId < pageCount && isFreeBit(pageId);
    }

    /**
     * Returns the number of pages the data file covers, header pages included.
     *
     * @return the page count
     */
    public synchronized long pageCount() {
        return pageCount;
    }

    /**
     * Runs {@code action} with the current page count while holding the allocator's lock, so that no page can
     * be allocated beyond that count until it returns. The checkpoint shrinks the file this way: a page
     * allocated (and perhaps written) after the snapshot is never cut off.
     *
     * @param action receives the page count
     */
    public synchronized void withPageCount(LongConsumer action) {
        action.accept(pageCount);
    }

    /**
     * Returns the number of free pages.
     *
     * @return the free count
     */
    public synchronized long freePages() {
        return freePages;
    }

    /**
     * Captures the state for a checkpoint, first giving back a free tail of the file: the page count drops
     * to just past the last allocated page (never below one extent), so the store file shrinks at the next
     * checkpoint after data is deleted. Provisional pages (see the class comment) are listed as free.
     *
     * @return the snapshot
     */
    public synchronized FreeSpaceSnapshot snapshot() {
        trimFreeTail();
        long[] bits = freeBits;
        for (Iterator<Map.Entry<Long, RedoHolds.Hold>> it =
                        provisional.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<Long, RedoHolds.Hold> entry = it.next();
            if (!entry.getValue().isOpen()) {
                it.remove();
            } else {
                if (bits == freeBits) {
                    bits = freeBits.clone();
                }
                long pageId = entry.getKey();
                bits[(int) (pageId >>> 6)] |= 1L << pageId;
            }
        }
        long[] starts = new long[16];
        long[] lengths = new long[16];
        int runs = 0;
        long pageId = nextBit(bits, PageIds.FIRST_DATA, false);
        while (pageId >= 0) {
            long end = nextBit(bits, pageId, true);
            end = end < 0 ? pageCount : end;
            if (runs == starts.length) {
                starts = Arrays.copyOf(starts, runs * 2);
                lengths = Arrays.copyOf(lengths, runs * 2);
            }
            starts[runs] = pageId;
            lengths[runs] = end - pageId;
            runs++;
            pageId = end < pageCount ? nextBit(bits, end, false) : -1;
        }
        return new FreeSpaceSnapshot(pageCount, Arrays.copyOf(starts, runs), Arrays.copyOf(lengths, runs));
    }

    private void trimFreeTail() {
        long lastAllocated = pageCount - 1;
        while (lastAllocated >= PageIds.FIRST_DATA && isFreeBit(lastAllocated)) {
            lastAllocated--;
        }
        long keep = Math.max(lastAllocated + 1, PageIds.FIRST_DATA + minExtentPages());
        if (keep < pageCount) {
            for (long pageId = keep; pageId < pageCount; pageId++) {
                freeBits[(int) (pageId >>> 6)] &= ~(1L << pageId);
            }
            freePages -= pageCount - keep;
            pageCount = keep;
            searchFrom = Math.min(searchFrom, keep);
        }
    }

    private long extentPages() {
        long byFraction = pageCount / 8;
        return Math.max(minExtentPages(), Math.min(byFraction, MAX_EXTENT_BYTES / pageSize));
    }

    private long minExtentPages() {
        return Math.max(MIN_EXTENT_PAGES, MIN_EXTENT_BYTES / pageSize);
    }

    private void grow(long newPageCount) {
        if (newPageCount > PageIds.MAX + 1) {
            throw new IllegalStateException("the store is full: " + pageCount + " pages is the most page ids allow");
        }
        growth.growTo(newPageCount);
        if (wordsFor(newPageCount) > freeBits.length) {
            freeBits = Arrays.copyOf(freeBits, Math.max(wordsFor(newPageCount), freeBits.length * 2));
        }
        long oldCount = pageCount;
        pageCount = newPageCount;
        setFree(oldCount, newPageCount);
    }

    private long nextFree(long fromPageId) {
        return nextBit(freeBits, fromPageId, false);
    }

    /** The first page at or after {@code from} that is free in {@code bits} ({@code invert=false}) or not; or -1. */
    private long nextBit(long[] bits, long from, boolean invert) {
        if (from >= pageCount) {
            return -1;
        }
        int wordIndex = (int) (from >>> 6);
        long word = (invert ? ~bits[wordIndex] : bits[wordIndex]) & (-1L << from);
        int lastWord = (int) ((pageCount - 1) >>> 6);
        while (true) {
            if (word != 0) {
                long pageId = ((long) wordIndex << 6) + Long.numberOfTrailingZeros(word);
                return pageId < pageCount ? pageId : -1;
            }
            if (++wordIndex > lastWord) {
                return -1;
            }
            word = invert ? ~bits[wordIndex] : bits[wordIndex];
        }
    }

    private boolean isFreeBit(long pageId) {
        return (freeBits[(int) (pageId >>> 6)] & (1L << pageId)) != 0;
    }

    private void setFree(long fromPageId, long toPageId) {
        for (long pageId = fromPageId; pageId < toPageId; pageId++) {
            long mask = 1L << pageId;
            int word = (int) (pageId >>> 6);
            if ((freeBits[word] & mask) == 0) {
                freeBits[word] |= mask;
                freePages++;
            }
        }
    }

    private void clearFree(long pageId) {
        freeBits[(int) (pageId >>> 6)] &= ~(1L << pageId);
        freePages--;
    }

    private void checkInRange(long pageId) {
        if (pageId < PageIds.FIRST_DATA || pageId >= pageCount) {
            throw new IllegalArgumentException("page " + pageId + " is not a data page of this store (pages "
                    + PageIds.FIRST_DATA + " to " + (pageCount - 1) + ")");
        }
    }

    private static int wordsFor(long pageCount) {
        return (int) ((pageCount + 63) >>> 6);
    }
}
