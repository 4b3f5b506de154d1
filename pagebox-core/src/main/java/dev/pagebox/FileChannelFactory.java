/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens the file channels of a store. The default opens real files; tests and special deployments plug in
 * their own (for example a channel that injects I/O faults).
 */
@FunctionalInterface
public interface FileChannelFactory {
    /** Opens real files with {@link FileChannel#open(Path, Set, java.nio.file.attribute.FileAttribute[])}. */
    FileChannelFactory DEFAULT = FileChannel::open;

    /**
     * Opens a file channel.
     *
     * @param path the file
     * @param options how to open it
     * @return the open channel
     * @throws IOException if the file cannot be opened
     */
    FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException;

    /**
     * Returns the bytes free for this process on the file system holding a directory; the store asks before it
     * takes writes again after the disk was full. A factory that simulates a full disk answers accordingly.
     *
     * @param directory a directory of the store
     * @return the usable free bytes
     * @throws IOException if the file system cannot say
     */
    default long usableSpace(Path directory) throws IOException {
        return Files.getFileStore(directory).getUsableSpace();
    }
}
