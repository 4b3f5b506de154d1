/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/**
 * No buffer frame could be freed within the configured wait: every frame is pinned or latched. The pool
 * never grows beyond its budget; raise the budget or hold fewer pages at once (e.g. fewer open cursors).
 */
public class BufferPoolExhaustedException extends PageboxException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the budget, frame count and how long the caller waited
     */
    public BufferPoolExhaustedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that kept pages from being evicted.
     *
     * @param message what was needed and what is in the way
     * @param cause why dirty pages could not be written
     */
    public BufferPoolExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
