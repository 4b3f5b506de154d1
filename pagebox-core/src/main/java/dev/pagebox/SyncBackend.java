/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/** How the write-ahead log makes its writes durable. */
public enum SyncBackend {
    /** Buffered writes followed by {@code fdatasync} ({@code FileChannel.force(false)}). The default. */
    FDATASYNC,
    /** Files opened with {@code O_DSYNC}: every write returns once durable; no separate sync call. */
    DSYNC,
    /**
     * {@code O_DIRECT} plus {@code O_DSYNC}: block-aligned writes that bypass the page cache and return once
     * durable. Opening the log fails with a clear {@code PageboxIoException} on a file system without direct
     * I/O (tmpfs, for one); there is no silent fallback, so the configured guarantee is the one in effect.
     */
    DIRECT
}
