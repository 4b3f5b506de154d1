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
}
