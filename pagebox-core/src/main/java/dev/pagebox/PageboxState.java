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
    /**
     * The device is full ({@code ENOSPC}): writes fail at once with {@link DiskFullException}, reads go on, nothing
     * acknowledged is lost. The store takes writes again by itself once space is freed (the first write after that
     * finds the room), without a reopen.
     */
    DISK_FULL,
    /** Closed. */
    CLOSED
}
