/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/**
 * A store's files are damaged beyond what recovery repairs: both header copies are invalid, or the
 * write-ahead log has a bad record followed by good ones. Restore from a backup; {@code Pagebox.verify}
 * reports every problem it finds.
 */
public class CorruptStoreException extends PageboxException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the damaged file and what is wrong with it
     */
    public CorruptStoreException(String message) {
        super(message);
    }
}
