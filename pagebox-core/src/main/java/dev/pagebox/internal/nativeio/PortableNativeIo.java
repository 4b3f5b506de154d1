/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fallback {@link NativeIo} for platforms without the Linux calls: reservations are ordinary arena
 * allocations (committed up front, so they must fit in memory), advice is ignored except that "don't need"
 * zero-fills to keep its read-as-zero contract, and threads are never pinned.
 */
final class PortableNativeIo implements NativeIo {
    private static final long PAGE_SIZE = 4096;

    @Override
    public boolean isNative() {
        return false;
    }

    @Override
    public long osPageSize() {
        return PAGE_SIZE;
    }

    @Override
    public MemorySegment reserve(long byteSize, Arena arena) {
        if (byteSize <= 0 || byteSize % PAGE_SIZE != 0) {
            throw new IllegalArgumentException(
                    "reservation size " + byteSize + " is not a positive multiple of the page size " + PAGE_SIZE);
        }
        return arena.allocate(byteSize, PAGE_SIZE);
    }

    @Override
    public void adviseDontNeed(MemorySegment region) {
        region.fill((byte) 0);
    }

    @Override
    public boolean adviseHugePages(MemorySegment region) {
        return false;
    }

    @Override
    public boolean adviseDontFork(MemorySegment region) {
        return false;
    }

    @Override
    public boolean pinCurrentThread(CpuSet cpus) {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("cannot pin a virtual thread: its carrier thread is shared");
        }
        return false;
    }

    @Override
    public Optional<CpuSet> currentThreadAffinity() {
        return Optional.empty();
    }

    @Override
    public int currentCpu() {
        return -1;
    }

    @Override
    public int allocateFileRange(Path file, long offset, long length) {
        return UNSUPPORTED;
    }
}
