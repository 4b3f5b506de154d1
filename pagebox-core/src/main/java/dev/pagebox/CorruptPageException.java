/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A page read from disk failed its CRC32C check or does not identify itself as the page that was asked
 * for. Pagebox never returns data from such a page; recovery repairs torn pages from the full page images
 * in the write-ahead log, so outside recovery this means the file was damaged.
 */
public class CorruptPageException extends PageboxException {
    private static final long serialVersionUID = 1L;

    private final long pageId;
    private final transient @Nullable Path file;
    private final long offset;

    /**
     * Creates the exception for a page whose file position is not known.
     *
     * @param pageId the page that failed the check
     * @param detail what was wrong, e.g. expected and actual checksum
     */
    public CorruptPageException(long pageId, String detail) {
        super("page " + pageId + " is corrupt: " + detail);
        this.pageId = pageId;
        this.file = null;
        this.offset = -1;
    }

    /**
     * Creates the exception.
     *
     * @param pageId the page that failed the check
     * @param file the data file
     * @param offset the page's byte offset in the file
     * @param detail what was wrong, e.g. expected and actual checksum
     */
    public CorruptPageException(long pageId, Path file, long offset, String detail) {
        super("page " + pageId + " of " + file + " (offset " + offset + ") is corrupt: " + detail);
        this.pageId = pageId;
        this.file = file;
        this.offset = offset;
    }

    /**
     * Returns the page that failed the check.
     *
     * @return the page id
     */
    public long pageId() {
        return pageId;
    }

    /**
     * Returns the file holding the page.
     *
     * @return the data file, if known
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Returns the page's byte offset in its file.
     *
     * @return the offset, or -1 if not known
     */
    public long offset() {
        return offset;
    }
}
