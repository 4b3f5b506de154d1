/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

/**
 * The write-ahead rule as the pool sees it: before a page with page LSN {@code L} is written, the log must
 * be durable up to {@code L}. The engine implements this with its WAL.
 */
@FunctionalInterface
public interface LogFlusher {
    /** For pools whose pages are never logged (tests, scratch pools). */
    LogFlusher NONE = lsn -> {};

    /**
     * Returns once every log record with an LSN up to and including {@code lsn} is durable.
     *
     * @param lsn the page LSN of a page about to be written
     */
    void ensureDurable(long lsn);
}
