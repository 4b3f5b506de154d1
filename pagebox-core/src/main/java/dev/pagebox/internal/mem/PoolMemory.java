/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.mem;

import dev.pagebox.internal.nativeio.NativeIo;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Owns one component's long-lived off-heap memory: one shared {@link Arena} per owner. A store has two owners, each
 * with its own: the buffer pool (its frame reservation, frame metadata table and write-back buffers, in
 * {@code internal.buffer.Frames}) and the write-ahead log (its ring buffer and direct-I/O scratch block, in
 * {@code internal.wal.Wal}). Each closes its arena once, when it closes: closing a shared arena is expensive (a
 * handshake with every thread), and owners close at different points of a store's close (the log still writes
 * after the pool is gone). Any access to this memory after close fails with an {@link IllegalStateException}
 * instead of touching freed memory.
 */
public final class PoolMemory implements AutoCloseable {
    private final NativeIo nativeIo;
    private final Arena arena = Arena.ofShared();

    /**
     * Creates an owner that reserves memory through {@code nativeIo}.
     *
     * @param nativeIo the native layer (or its portable fallback)
     */
    public PoolMemory(NativeIo nativeIo) {
        this.nativeIo = nativeIo;
    }

    /**
     * Reserves address space whose physical memory is committed page by page when first touched. On the
     * portable fallback the memory is committed up front.
     *
     * @param byteSize the size; rounded up to the OS page size
     * @return zero-filled memory, aligned to the OS page size
     */
    public MemorySegment reserve(long byteSize) {
        return nativeIo.reserve(roundUpToOsPage(byteSize), arena);
    }

    /**
     * Allocates committed, zero-filled memory, e.g. metadata tables and aligned I/O buffers.
     *
     * @param byteSize the size in bytes
     * @param alignment the alignment, a power of two
     * @return the memory
     */
    public MemorySegment allocate(long byteSize, long alignment) {
        return arena.allocate(byteSize, alignment);
    }

    /**
     * Returns a part of a reservation to the operating system; it reads as zeros afterwards.
     *
     * @param region a page-aligned slice of a segment returned by {@link #reserve}
     */
    public void release(MemorySegment region) {
        nativeIo.adviseDontNeed(region);
    }

    /**
     * Hints that a reservation should be backed by transparent huge pages.
     *
     * @param region a page-aligned slice of a reservation
     * @return whether the hint was accepted
     */
    public boolean adviseHugePages(MemorySegment region) {
        return nativeIo.adviseHugePages(region);
    }

    /**
     * Keeps a reservation out of child processes, so a {@code fork} (e.g. {@code ProcessBuilder}) never copies
     * the pool.
     *
     * @param region a page-aligned slice of a reservation
     * @return whether the hint was accepted
     */
    public boolean adviseDontFork(MemorySegment region) {
        return nativeIo.adviseDontFork(region);
    }

    /**
     * Returns the operating system's page size, the granularity of {@link #reserve} and {@link #release}.
     *
     * @return the page size in bytes
     */
    public long osPageSize() {
        return nativeIo.osPageSize();
    }

    private long roundUpToOsPage(long byteSize) {
        if (byteSize <= 0) {
            throw new IllegalArgumentException("reservation size must be positive: " + byteSize);
        }
        long page = nativeIo.osPageSize();
        return (byteSize + page - 1) / page * page;
    }

    /** Releases every segment this owner handed out; later accesses to them throw. */
    @Override
    public void close() {
        arena.close();
    }
}
