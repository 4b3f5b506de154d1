/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the file system that holds a store. */
public final class FileSystems {
    private FileSystems() {}

    /**
     * Returns the block size of the file system holding {@code path}: the unit of atomic, aligned writes
     * for {@code O_DIRECT} and of sector-sized torn writes.
     *
     * @param path an existing file or directory
     * @return the block size in bytes
     * @throws IOException if the file store cannot be queried
     */
    public static long blockSize(Path path) throws IOException {
        return Files.getFileStore(path).getBlockSize();
    }

    /**
     * Returns the space usable by this process on the file system holding {@code path}.
     *
     * @param path an existing file or directory
     * @return the usable bytes
     * @throws IOException if the file store cannot be queried
     */
    public static long usableSpace(Path path) throws IOException {
        return Files.getFileStore(path).getUsableSpace();
    }

    /**
     * Allocates the blocks of a file range without writing them ({@link NativeIo#allocateFileRange}), for callers
     * that write zeros instead where the file system cannot.
     *
     * @param file the file, which must exist
     * @param offset where the range starts
     * @param length its length in bytes
     * @return true if allocated, false if the file system does not support it
     * @throws IOException if the allocation failed ("No space left on device" for {@code ENOSPC})
     */
    public static boolean allocate(Path file, long offset, long length) throws IOException {
        int result = NativeIo.system().allocateFileRange(file, offset, length);
        if (result == 0) {
            return true;
        }
        if (result == NativeIo.UNSUPPORTED) {
            return false;
        }
        throw new IOException(
                result == NativeIo.ENOSPC ? "No space left on device" : "fallocate failed with errno " + result);
    }
}
