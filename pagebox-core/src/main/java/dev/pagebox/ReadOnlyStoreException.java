/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/**
 * A write (a put, delete, batch, tree creation or drop, checkpoint) to a store opened with
 * {@link PageboxOptions#readOnly()}. Reopen the store without it to write.
 */
public class ReadOnlyStoreException extends PageboxException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused, naming the store
     */
    public ReadOnlyStoreException(String message) {
        super(message);
    }
}
