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
            return new FailureAnalysis(
                    description,
                    "Stop the other process (or Pagebox store) that has " + locked.directory() + " open, or set "
                            + DIRECTORY + " to another directory.",
                    cause);
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
}
