/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.engine;

import dev.pagebox.bench.io.BenchFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where an engine benchmark keeps its stores: fresh directories under a root ({@code --dir}, else the system
 * property {@code pagebox.bench.dir}, else {@code java.io.tmpdir}), deleted when the benchmark ends.
 */
final class BenchData {
    private BenchData() {}

    /**
     * The root a command line asks for, checked to be on a disk: on {@code tmpfs} or {@code ramfs} every sync
     * and every read would be free, and the figures meaningless.
     *
     * @param option the {@code --dir} value, or null
     * @return the root, created if missing
     */
    static Path root(@Nullable String option) {
        String fallback = System.getProperty("pagebox.bench.dir", System.getProperty("java.io.tmpdir"));
        Path root = Path.of(option == null ? fallback : option);
        try {
            Files.createDirectories(root);
            FileStore store = Files.getFileStore(root);
            if (store.type().equals("tmpfs") || store.type().equals("ramfs")) {
                throw new IllegalArgumentException(root + " is on " + store.type() + ", not a disk; pass --dir");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** Creates a fresh, empty directory under {@code root}. */
    static Path createDirectory(Path root, String prefix) {
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and everything in it. */
    static void delete(Path directory) {
        BenchFiles.deleteRecursively(directory);
    }

    /**
     * Copies a closed store into a new directory and syncs every copied file, so the copy leaves no write-back
     * behind to compete with what is measured next, and a page-cache drop can evict all of it.
     *
     * @param from the store's directory (no process may have it open)
     * @param to an empty or missing directory
     */
    static void copyStore(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    /** The bytes of all regular files under {@code directory}. */
    static long size(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            long total = 0;
            for (Path file : files) {
                total += Files.size(file);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops the OS page cache (root only; every file that should leave it must have been synced).
     *
     * @throws IllegalStateException if this process may not
     */
    static void dropPageCache() {
        BenchFiles.dropPageCache();
    }
}
