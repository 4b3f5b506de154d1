/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.nio.file.Path;

/** Another process, or another open store in this JVM, holds the lock on the data directory. */
public class StoreLockedException extends PageboxException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    /**
     * Creates the exception.
     *
     * @param directory the locked data directory
     * @param holder who holds the lock, as recorded in the lock file
     */
    public StoreLockedException(Path directory, String holder) {
        super("data directory " + directory + " is locked by " + holder
                + "; only one process may open a store at a time");
        this.directory = directory;
    }

    /**
     * Returns the locked directory.
     *
     * @return the data directory
     */
    public Path directory() {
        return directory;
    }
}
