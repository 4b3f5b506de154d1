/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/** The health of an open store, for monitoring. */
public enum PageboxState {
    /** Reads and writes work. */
    HEALTHY,
    /**
     * A write to the log or the data file failed ({@code fsync}, {@code EIO}); the store is read-only from then
     * on, because a retried {@code fsync} can report success for data the kernel already dropped. Reopen to
     * recover.
     */
    FENCED,
    /** Closed. */
    CLOSED
}
