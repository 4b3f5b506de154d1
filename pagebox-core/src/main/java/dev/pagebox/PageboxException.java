/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/**
 * Base of every exception Pagebox throws on its own account. All Pagebox exceptions are unchecked; the
 * subtypes say what the caller can do about the failure.
 */
public class PageboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming the object and the limit involved
     */
    public PageboxException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public PageboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
