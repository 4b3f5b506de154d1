/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/** Thrown when a store, tree or cursor is used after it was closed. */
public class PageboxClosedException extends PageboxException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what the closed object, e.g. {@code "store /data/orders"}
     */
    public PageboxClosedException(String what) {
        super(what + " is closed");
    }
}
