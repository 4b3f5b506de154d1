/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.health;

import dev.pagebox.FileChannelFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers the first failed write or sync on a store's files, so that health can say why a store is fenced:
 * {@link dev.pagebox.Pagebox} reports that it is fenced, but not the failure that fenced it. Wrap the store's
 * {@link FileChannelFactory} with {@link #wrap} before opening it; reads are not watched (a failed read fails its
 * call and fences nothing).
 */
public final class IoFailureRecorder {
    private final AtomicReference<IoFailure> first = new AtomicReference<>();

    /**
     * A failed write or sync.
     *
     * @param operation what failed ({@code write}, {@code sync}, {@code truncate}, {@code open})
     * @param file the file
     * @param exception the failure
     */
    public record IoFailure(String operation, Path file, IOException exception) {
        /** One line for a health report, e.g. {@code sync of /data/wal/0001.wal failed: Input/output error}. */
        @Override
        public String toString() {
            return operation + " of " + file + " failed: " + exception.getMessage();
        }
    }

    /**
     * A factory opening channels with {@code channels} that report their write and sync failures here.
     *
     * @param channels the factory the store would use
     * @return the watching factory
     */
    public FileChannelFactory wrap(FileChannelFactory channels) {
        Objects.requireNonNull(channels, "channels");
        return (path, options) -> {
            try {
                return new RecordingFileChannel(channels.open(path, options), path, this);
            } catch (IOException e) {
                record("open", path, e);
                throw e;
            }
        };
    }

    /**
     * The first failed write or sync (or open) since the store opened.
     *
     * @return the failure, or empty if there was none
     */
    public Optional<IoFailure> firstFailure() {
        return Optional.ofNullable(first.get());
    }

    void record(String operation, Path file, IOException exception) {
        first.compareAndSet(null, new IoFailure(operation, file, exception));
    }
}
