/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/**
 * The store is fenced: an earlier {@code fsync} or write to the log or data file failed, so Pagebox can no
 * longer promise that new writes are durable and refuses them. Reads of data already in memory keep working.
 * An {@code fsync} is never retried (its failure may have dropped dirty data from the operating system's
 * cache); close the store and reopen it, and recovery restores every acknowledged write. The cause is the
 * first failure.
 */
public class StoreFailedException extends PageboxException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is fenced
     * @param cause the first failure
     */
    public StoreFailedException(String message, Throwable cause) {
        super(message + "; cause: " + cause, cause);
    }
}
