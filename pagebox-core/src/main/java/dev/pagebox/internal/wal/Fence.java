/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.StoreFailedException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The log's failure state. The first failed write or sync fences the log for good: the kernel may have dropped
 * the pages it failed to write, so a retried {@code fsync} could report success for data that is gone. Every
 * later append and every waiter gets a {@link StoreFailedException} whose cause is the first failure.
 */
final class Fence {
    private static final System.Logger LOG = System.getLogger(Fence.class.getName());

    private final Path directory;
    private volatile Throwable failure;

    Fence(Path directory) {
        this.directory = directory;
    }

    /**
     * Fences the log, if it is not fenced yet.
     *
     * @param cause the failure, normally a {@link dev.pagebox.PageboxIoException} naming the file and operation
     * @return true if this call fenced the log (false if it already was)
     */
    synchronized boolean fail(Throwable cause) {
        if (failure != null) {
            return false;
        }
        failure = cause;
        LOG.log(System.Logger.Level.ERROR, "write-ahead log in " + directory + " is fenced", cause);
        return true;
    }

    boolean isFenced() {
        return failure != null;
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Throws if the log is fenced. */
    void check() {
        Throwable cause = failure;
        if (cause != null) {
            throw fenced(cause);
        }
    }

    StoreFailedException fenced(Throwable cause) {
        return new StoreFailedException(
                "write-ahead log in " + directory + " is fenced after a failed write or sync; reopen the store", cause);
    }
}
