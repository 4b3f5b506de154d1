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
 * The operating-system calls Pagebox needs beyond what the JDK offers: virtual-memory reservation and
 * advice for the buffer pool, and thread affinity for background threads.
 *
 * <p>{@link #system()} returns the Linux implementation ({@link PosixNativeIo}) when the native calls can be
 * linked and native access is enabled, and otherwise a portable fallback ({@link PortableNativeIo}) that
 * allocates ordinary {@link Arena} memory and does not pin threads; the fallback logs one WARNING saying why
 * and how to enable the native path.
 */
public interface NativeIo {

    /**
     * Returns the best implementation for this platform.
     *
     * @return the native implementation, or the portable fallback
     */
    static NativeIo system() {
        return NativeIoHolder.INSTANCE;
    }

    /**
     * Tells whether this implementation calls the operating system (as opposed to the portable fallback).
     *
     * @return true for the native implementation
     */
    boolean isNative();

    /**
     * Reserves {@code byteSize} bytes of zero-filled, read-write memory whose physical pages are committed
     * only when first touched ({@code mmap} with {@code MAP_NORESERVE}). The mapping is released when
     * {@code arena} is closed.
     *
     * @param byteSize the size, a multiple of the OS page size
     * @param arena the arena that owns the mapping's lifetime
     * @return the reserved memory, aligned to the OS page size
     */
    MemorySegment reserve(long byteSize, Arena arena);

    /**
     * Returns the physical memory behind a region to the operating system ({@code MADV_DONTNEED}). The region
     * stays mapped and reads as zeros afterwards.
     *
     * @param region a page-aligned part of a reservation
     */
    void adviseDontNeed(MemorySegment region);

    /**
     * Asks for transparent huge pages behind a region ({@code MADV_HUGEPAGE}); a hint only.
     *
     * @param region a page-aligned part of a reservation
     * @return whether the advice was accepted
     */
    boolean adviseHugePages(MemorySegment region);

    /**
     * Keeps a region out of child processes created by {@code fork} ({@code MADV_DONTFORK}).
     *
     * @param region a page-aligned part of a reservation
     * @return whether the advice was accepted
     */
    boolean adviseDontFork(MemorySegment region);

    /**
     * Restricts the calling platform thread to the given CPUs ({@code sched_setaffinity}).
     *
     * @param cpus the CPUs to allow; not empty
     * @return whether the affinity was set (false on the fallback)
     * @throws IllegalStateException if called from a virtual thread, whose carrier is not its own
     */
    boolean pinCurrentThread(CpuSet cpus);

    /**
     * Reads the calling thread's CPU affinity ({@code sched_getaffinity}).
     *
     * @return the allowed CPUs, or empty on the fallback
     */
    Optional<CpuSet> currentThreadAffinity();

    /**
     * Returns the CPU the calling thread runs on right now ({@code sched_getcpu}).
     *
     * @return the CPU number, or -1 when unknown
     */
    int currentCpu();

    /**
     * Returns the operating system's memory page size.
     *
     * @return the page size in bytes
     */
    long osPageSize();

    /** {@link #allocateFileRange} could not be asked of the file system. */
    int UNSUPPORTED = -1;

    /** The {@code errno} of a full device. */
    int ENOSPC = 28;

    /**
     * Allocates the blocks of a file range without writing them ({@code fallocate}), so that later writes into the
     * range cannot fail for want of space; the file grows to cover the range and the range reads as zeros.
     *
     * @param file the file, which must exist
     * @param offset where the range starts
     * @param length its length in bytes
     * @return 0 on success, the {@code errno} of the failure ({@link #ENOSPC} when the device is full), or
     *     {@link #UNSUPPORTED} when the call or the file system does not support it
     */
    int allocateFileRange(Path file, long offset, long length);
}
