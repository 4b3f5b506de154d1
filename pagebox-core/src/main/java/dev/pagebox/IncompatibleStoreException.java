/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/**
 * The store on disk cannot be opened with the given options or by this version of Pagebox, e.g. its page
 * size differs from the one the options ask for, or its format version is unknown.
 */
public class IncompatibleStoreException extends PageboxException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what differs, with both values
     */
    public IncompatibleStoreException(String message) {
        super(message);
    }
}
