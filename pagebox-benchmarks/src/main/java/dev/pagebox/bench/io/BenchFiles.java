/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Data directories and files of the I/O microbenchmarks. Directories are created under the system property
 * {@code pagebox.bench.dir} (default {@code java.io.tmpdir}), which must be on a real disk: a RAM-backed file
 * system would turn every sync into a no-op, so {@code tmpfs} and {@code ramfs} are refused.
 */
public final class BenchFiles {
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private BenchFiles() {}

    /**
     * Creates a fresh, empty directory for one trial.
     *
     * @param prefix name prefix
     * @return the directory; delete it with {@link #deleteRecursively}
     */
    public static Path createDirectory(String prefix) {
        Path parent = Path.of(System.getProperty("pagebox.bench.dir", System.getProperty("java.io.tmpdir")));
        try {
            Files.createDirectories(parent);
            FileStore store = Files.getFileStore(parent);
            if (store.type().equals("tmpfs") || store.type().equals("ramfs")) {
                throw new IllegalStateException(parent + " is on " + store.type()
                        + ", not a disk; set -Dpagebox.bench.dir (and pass it to the forks with -jvmArgsAppend)");
            }
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a directory and everything in it.
     *
     * @param directory the directory; nothing happens if it does not exist
     */
    public static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code size} zero bytes from position 0 and syncs them, so later writes overwrite allocated blocks
     * (as the log's pre-allocated segments do).
     *
     * @param channel an open, writable channel
     * @param size bytes to write, a multiple of 1 MiB
     */
    public static void zeroFill(FileChannel channel, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long position = 0; position < size; position += zeros.capacity()) {
            zeros.clear();
            writeFully(channel, zeros, position);
        }
        channel.force(true);
    }

    /**
     * Writes all remaining bytes of {@code buffer} at {@code position}.
     *
     * @param channel the channel
     * @param buffer the bytes
     * @param position the file position
     */
    public static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /**
     * Reads until {@code buffer} is full.
     *
     * @param channel the channel
     * @param buffer the destination
     * @param position the file position
     */
    public static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at " + at);
            }
            at += read;
        }
    }

    /**
     * Drops the whole clean OS page cache ({@code echo 1 > /proc/sys/vm/drop_caches}, root only). Files whose
     * pages should go must have been synced first.
     *
     * @throws IllegalStateException if this process may not drop the cache (a "cold" figure would then be a lie)
     */
    public static void dropPageCache() {
        try {
            Files.writeString(DROP_CACHES, "1");
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException("cannot drop the OS page cache (needs root): " + e, e);
        }
    }
}
