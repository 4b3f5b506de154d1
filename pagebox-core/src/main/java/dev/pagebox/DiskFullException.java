/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.io.IOException;
import java.util.Locale;

/**
 * The device holding the store is full ({@code ENOSPC}). The write that hit it failed as a whole; nothing
 * that was acknowledged before is lost. Free space and retry, or reopen the store.
 */
public class DiskFullException extends PageboxIoException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the operation and file
     * @param cause the I/O failure reported by the operating system
     */
    public DiskFullException(String message, IOException cause) {
        super(message, cause);
    }

    /**
     * Tells whether an I/O failure means the device is full. Java reports {@code ENOSPC} only through the
     * message text of the {@link IOException}.
     *
     * @param failure the failure
     * @return whether it is "no space left on device" (or a quota exceeded)
     */
    public static boolean isDiskFull(IOException failure) {
        String message = failure.getMessage();
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("no space left on device") || lower.contains("disk quota exceeded");
    }
}
