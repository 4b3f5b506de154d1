/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Evicts a store's files from the OS page cache so that a timed run starts cold. Every file is first forced to
 * disk (only clean pages can be dropped). Then, if the process may write {@code /proc/sys/vm/drop_caches}
 * (root, writable {@code /proc/sys}), the whole clean page cache is dropped; otherwise each file gets
 * {@code posix_fadvise(POSIX_FADV_DONTNEED)} through the FFM API. The method used goes into the results.
 */
final class PageCacheDropper {
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");
    private static final int O_RDONLY = 0;
    private static final int POSIX_FADV_DONTNEED = 4;

    private PageCacheDropper() {}

    /** How the cache was dropped. */
    enum Method {
        /** {@code echo 1 > /proc/sys/vm/drop_caches}: the whole clean page cache. */
        DROP_CACHES("drop_caches"),
        /** {@code posix_fadvise(DONTNEED)} on every file of the store. */
        FADVISE("fadvise"),
        /** Neither was possible; the run may start with a warm OS cache. */
        NONE("none");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    static Method drop(Path directory) {
        List<Path> files = filesUnder(directory);
        files.forEach(PageCacheDropper::force);
        try {
            Files.writeString(DROP_CACHES, "1");
            return Method.DROP_CACHES;
        } catch (IOException | SecurityException e) {
            return fadvise(files) ? Method.FADVISE : Method.NONE;
        }
    }

    /**
     * Advises the kernel to drop the cached pages of each file.
     *
     * @return false if the native call is not available
     */
    static boolean fadvise(List<Path> files) {
        Optional<Libc> libc = Libc.INSTANCE;
        if (libc.isEmpty()) {
            return false;
        }
        for (Path file : files) {
            libc.get().dontNeed(file);
        }
        return true;
    }

    static List<Path> filesUnder(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static void force(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + file, e);
        }
    }

    /** The three libc calls, bound once; empty where the linker or the symbols are not available. */
    private record Libc(MethodHandle open, MethodHandle fadvise, MethodHandle close) {
        static final Optional<Libc> INSTANCE = bind();

        @SuppressWarnings("restricted")
        private static Optional<Libc> bind() {
            try {
                Linker linker = Linker.nativeLinker();
                var lookup = linker.defaultLookup();
                MethodHandle open = linker.downcallHandle(
                        lookup.find("open").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                MethodHandle fadvise = linker.downcallHandle(
                        lookup.find("posix_fadvise").orElseThrow(),
                        FunctionDescriptor.of(
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT));
                MethodHandle close = linker.downcallHandle(
                        lookup.find("close").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                return Optional.of(new Libc(open, fadvise, close));
            } catch (RuntimeException | LinkageError e) {
                return Optional.empty();
            }
        }

        void dontNeed(Path file) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment path = arena.allocateFrom(file.toAbsolutePath().toString());
                int fd = (int) open.invokeExact(path, O_RDONLY);
                if (fd < 0) {
                    throw new UncheckedIOException(new IOException("open failed for " + file));
                }
                try {
                    int error = (int) fadvise.invokeExact(fd, 0L, 0L, POSIX_FADV_DONTNEED);
                    if (error != 0) {
                        throw new UncheckedIOException(
                                new IOException("posix_fadvise failed with error " + error + " for " + file));
                    }
                } finally {
                    int ignored = (int) close.invokeExact(fd);
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("native call failed", t);
            }
        }
    }
}
