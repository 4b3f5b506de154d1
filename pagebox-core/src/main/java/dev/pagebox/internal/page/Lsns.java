/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.page;

/**
 * Log sequence numbers: the byte position of a record in the write-ahead log, counted from the log's start
 * over all segments. LSNs grow with every append, so comparing two LSNs orders the records; a page's LSN is
 * the LSN of the last record applied to it, and redo applies a record to a page only if the page's LSN is
 * older. LSN 0 is never a record ({@link #NONE}): a page that was never logged has LSN 0.
 */
public final class Lsns {
    /** "Never logged" / "no record". */
    public static final long NONE = 0L;

    private Lsns() {}

    /**
     * Tells whether a record's change is already contained in a page.
     *
     * @param pageLsn the LSN stored in the page
     * @param recordLsn the LSN of the record
     * @return whether redo must skip the record for this page
     */
    public static boolean isApplied(long pageLsn, long recordLsn) {
        return pageLsn >= recordLsn;
    }
}
