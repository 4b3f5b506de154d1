/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/**
 * A page read from disk failed its CRC32C check or does not identify itself as the page that was asked
 * for. Pagebox never returns data from such a page; recovery repairs torn pages from the full page images
 * in the write-ahead log, so outside recovery this means the file was damaged.
 */
public class CorruptPageException extends PageboxException {
    private static final long serialVersionUID = 1L;

    private final long pageId;

    /**
     * Creates the exception.
     *
     * @param pageId the page that failed the check
     * @param detail what was wrong, e.g. expected and actual checksum
     */
    public CorruptPageException(long pageId, String detail) {
        super("page " + pageId + " is corrupt: " + detail);
        this.pageId = pageId;
    }

    /**
     * Returns the page that failed the check.
     *
     * @return the page id
     */
    public long pageId() {
        return pageId;
    }
}
