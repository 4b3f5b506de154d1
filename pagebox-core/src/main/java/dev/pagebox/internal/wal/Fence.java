/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.DiskFullException;
import dev.pagebox.StoreFailedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The log's failure state. The first failed sync, or failed write other than a full disk, fences the log for
 * good: the kernel may have dropped the pages it failed to write, so a retried {@code fsync} could report success
 * for data that is gone. Every later append and every waiter gets a {@link StoreFailedException} whose cause is the
 * first failure.
 *
 * <p>A full disk ({@code ENOSPC} creating a segment file or writing into one) only <b>stalls</b> the log: no sync
 * failed, the records stay in the buffer, and the flusher writes them once there is room. While stalled, appends
 * and waiters get a {@link DiskFullException}.
 */
final class Fence {
    private static final System.Logger LOG = System.getLogger(Fence.class.getName());

    private final Path directory;
    private volatile Throwable failure;
    private volatile DiskFullException stall;

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

    /** Stalls the log: records cannot be written until there is room (flusher only). */
    void stall(DiskFullException cause) {
        stall = cause;
    }

    /** Ends a stall: the write that failed succeeded (flusher only). */
    void resume() {
        stall = null;
    }

    Optional<DiskFullException> stall() {
        return Optional.ofNullable(stall);
    }

    /** Whether appends and waiters must fail now: the log is fenced or stalled. */
    boolean isBlocked() {
        return failure != null || stall != null;
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Throws if the log is fenced ({@link StoreFailedException}) or stalled ({@link DiskFullException}). */
    void check() {
        Throwable cause = failure;
        if (cause != null) {
            throw fenced(cause);
        }
        DiskFullException full = stall;
        if (full != null) {
            throw new DiskFullException(
                    "write-ahead log in " + directory + " cannot write until space is freed",
                    new IOException(full.getMessage(), full));
        }
    }

    StoreFailedException fenced(Throwable cause) {
        return new StoreFailedException(
                "write-ahead log in " + directory + " is fenced after a failed write or sync; reopen the store", cause);
    }
}
