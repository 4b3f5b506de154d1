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
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.StoreLockedException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Explains why the store could not open at startup, with what to do about it: the data directory is locked by
 * another process (or another store in this JVM), cannot be created or written, holds a store of another page size,
 * or holds a damaged store; or why a store opened read-only refused a write (a tree in {@code pagebox.trees} it
 * lacks). I/O failures name the operating system's reason, and the actions say where {@code pagebox.data-directory}
 * was set. Other Pagebox failures get Boot's default report.
 */
final class PageboxFailureAnalyzer extends AbstractFailureAnalyzer<PageboxException> {
    private static final String DIRECTORY = "pagebox.data-directory";

    private final @Nullable Environment environment;

    /**
     * Creates the analyzer; Boot passes the failed context's environment.
     *
     * @param environment the environment, or null if the failure came before there was one
     */
    public PageboxFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    PageboxFailureAnalyzer() {
        this(null);
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, PageboxException cause) {
        String description = "Pagebox could not open its store: " + describe(cause);
        String directory = directoryProperty();
        if (cause instanceof StoreLockedException locked) {
            return new FailureAnalysis(description, lockedAction(locked, directory), cause);
        }
        if (cause instanceof IncompatibleStoreException) {
            return new FailureAnalysis(
                    description,
                    "A store keeps the page size it was created with: set pagebox.page-size to the existing store's"
                            + " page size, or set " + directory + " to a new directory. A format version"
                            + " mismatch needs the Pagebox version that wrote the store.",
                    cause);
        }
        if (cause instanceof CorruptStoreException) {
            return new FailureAnalysis(
                    description,
                    "Run Pagebox.verify(directory, options) on the stopped store to list the damage, then restore the"
                            + " directory from a backup (or set " + directory + " to a new directory).",
                    cause);
        }
        if (cause instanceof ReadOnlyStoreException) {
            return new FailureAnalysis(
                    "A write to a Pagebox store opened read-only failed at startup: " + describe(cause),
                    "A store opened read-only (pagebox.read-only=true) takes no writes, not even the creation of a"
                            + " tree: remove the trees it lacks from pagebox.trees and the writes from startup code,"
                            + " or open it for writing (pagebox.read-only=false).",
                    cause);
        }
        if (cause instanceof DiskFullException) {
            return new FailureAnalysis(
                    description, "Free space on the file system of " + directory + ", or move the store.", cause);
        }
        if (cause instanceof PageboxIoException && cause.getCause() instanceof NoSuchFileException && readOnly()) {
            return new FailureAnalysis(
                    description,
                    "A store opened read-only (pagebox.read-only=true) must exist: set " + directory + " to the"
                            + " directory of a store (a backup, for instance), or start once without"
                            + " pagebox.read-only to create one.",
                    cause);
        }
        if (cause instanceof PageboxIoException) {
            String action = cause.getCause() instanceof AccessDeniedException
                    ? "Give the user running the application read and write access to the data directory, or set "
                            + directory + " to a directory it can write."
                    : "Check that " + directory + " names a directory (or a path where one can be created) on a"
                            + " writable, healthy file system.";
            return new FailureAnalysis(description, action, cause);
        }
        return null;
    }

    /**
     * The failure in one line. An I/O failure ends with the operating system's reason: the JDK words some of them
     * only as the exception's type, whose message is just the path ({@code cannot create data directory /proc/x:
     * /proc/x}).
     */
    static String describe(PageboxException failure) {
        String message = String.valueOf(failure.getMessage());
        if (!(failure instanceof PageboxIoException) || !(failure.getCause() instanceof IOException io)) {
            return message;
        }
        String suffix = ": " + io.getMessage();
        String operation =
                message.endsWith(suffix) ? message.substring(0, message.length() - suffix.length()) : message;
        String file = io instanceof FileSystemException failed ? failed.getFile() : null;
        String where = file == null || operation.endsWith(file) ? "" : file + ": ";
        return operation + ": " + where + reason(io);
    }

    /** The operating system's reason for a failed file operation, in its own words. */
    private static String reason(IOException io) {
        if (io instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (io instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (io instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (io instanceof FileAlreadyExistsException) {
            return "a file of that name exists";
        }
        if (io instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(io.getMessage());
    }

    /** Whether {@code pagebox.read-only} is set to true (in any form Boot binds). */
    private boolean readOnly() {
        ConfigurationProperty property = PropertyErrors.find(environment, "pagebox.read-only");
        return property != null
                && "true".equalsIgnoreCase(String.valueOf(property.getValue()).strip());
    }

    /** {@code pagebox.data-directory}, with its value and origin when the environment has them. */
    private String directoryProperty() {
        ConfigurationProperty property = PropertyErrors.find(environment, DIRECTORY);
        if (property == null) {
            return DIRECTORY;
        }
        return DIRECTORY + " (" + property.getValue()
                + (property.getOrigin() == null ? "" : ", from " + property.getOrigin()) + ")";
    }

    /**
     * What to do about a locked directory. The lock file names the holder's process; when that is this JVM, the
     * usual cause is a test suite: Spring caches each test context (pausing, never closing, the ones not in use),
     * so two contexts on one directory collide.
     */
    private static String lockedAction(StoreLockedException locked, String directory) {
        String holder = "process " + ProcessHandle.current().pid() + " ";
        if (String.valueOf(locked.getMessage()).contains(holder)) {
            return "Another Pagebox store in this JVM has " + locked.directory() + " open. In tests, Spring keeps"
                    + " every cached test context (and its store) open until the JVM exits, so give each context"
                    + " its own directory: annotate the test classes with @TemporaryPageboxDirectory"
                    + " (dev.pagebox:pagebox-test), or register a @TempDir static Path as " + DIRECTORY + " in a"
                    + " @DynamicPropertySource method of the test class. Otherwise close the other store first, or"
                    + " set " + directory + " to another directory.";
        }
        return "Stop the other process that has " + locked.directory() + " open (the app itself, or a kvstore"
                + " command on its directory), or set " + directory + " to another directory.";
    }
}
