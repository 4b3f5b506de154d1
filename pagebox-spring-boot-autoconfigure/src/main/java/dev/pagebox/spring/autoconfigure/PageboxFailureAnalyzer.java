/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import dev.pagebox.CorruptStoreException;
import dev.pagebox.DiskFullException;
import dev.pagebox.IncompatibleStoreException;
import dev.pagebox.PageboxException;
import dev.pagebox.PageboxIoException;
import dev.pagebox.StoreLockedException;
import java.nio.file.AccessDeniedException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why the store could not open at startup, with what to do about it: the data directory is locked by
 * another process, cannot be created or written, holds a store of another page size, or holds a damaged store.
 * Other Pagebox failures get Boot's default report.
 */
final class PageboxFailureAnalyzer extends AbstractFailureAnalyzer<PageboxException> {
    private static final String DIRECTORY = "pagebox.data-directory";

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, PageboxException cause) {
        String description = "Pagebox could not open its store: " + cause.getMessage();
        if (cause instanceof StoreLockedException locked) {
            return new FailureAnalysis(description, lockedAction(locked), cause);
        }
        if (cause instanceof IncompatibleStoreException) {
            return new FailureAnalysis(
                    description,
                    "A store keeps the page size it was created with: set pagebox.page-size to the existing store's"
                            + " page size, or set " + DIRECTORY + " to a new directory. A format version"
                            + " mismatch needs the Pagebox version that wrote the store.",
                    cause);
        }
        if (cause instanceof CorruptStoreException) {
            return new FailureAnalysis(
                    description,
                    "Run Pagebox.verify(directory, options) on the stopped store to list the damage, then restore the"
                            + " directory from a backup (or set " + DIRECTORY + " to a new directory).",
                    cause);
        }
        if (cause instanceof DiskFullException) {
            return new FailureAnalysis(
                    description, "Free space on the file system of " + DIRECTORY + ", or move the store.", cause);
        }
        if (cause instanceof PageboxIoException) {
            String action = cause.getCause() instanceof AccessDeniedException
                    ? "Give the user running the application read and write access to the data directory, or set "
                            + DIRECTORY + " to a directory it can write."
                    : "Check that " + DIRECTORY + " names a directory (or a path where one can be created) on a"
                            + " writable, healthy file system.";
            return new FailureAnalysis(description, action, cause);
        }
        return null;
    }

    /**
     * What to do about a locked directory. The lock file names the holder's process; when that is this JVM, the
     * usual cause is a test suite: Spring caches each test context (pausing, never closing, the ones not in use),
     * so two contexts on one directory collide.
     */
    private static String lockedAction(StoreLockedException locked) {
        String holder = "process " + ProcessHandle.current().pid() + " ";
        if (String.valueOf(locked.getMessage()).contains(holder)) {
            return "Another Pagebox store in this JVM has " + locked.directory() + " open. In tests, Spring keeps"
                    + " every cached test context (and its store) open until the JVM exits, so give each context"
                    + " its own directory: a @TempDir static Path registered as " + DIRECTORY + " in a"
                    + " @DynamicPropertySource method of the test class. Otherwise close the other store first, or"
                    + " set " + DIRECTORY + " to another directory.";
        }
        return "Stop the other process that has " + locked.directory() + " open (the app itself, or a kvstore"
                + " command on its directory), or set " + DIRECTORY + " to another directory.";
    }
}
