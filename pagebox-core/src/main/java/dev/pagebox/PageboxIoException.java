/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.io.IOException;

/**
 * An I/O operation on a store file failed. The cause is the {@link IOException} the operating system
 * reported; the message names the file and the operation.
 */
public class PageboxIoException extends PageboxException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the operation and file
     * @param cause the I/O failure
     */
    public PageboxIoException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /**
     * Wraps an I/O failure, choosing {@link DiskFullException} when the device reported it is full.
     *
     * @param message the operation and file
     * @param cause the I/O failure
     * @return the exception to throw
     */
    public static PageboxIoException wrap(String message, IOException cause) {
        return DiskFullException.isDiskFull(cause)
                ? new DiskFullException(message, cause)
                : new PageboxIoException(message, cause);
    }
}
