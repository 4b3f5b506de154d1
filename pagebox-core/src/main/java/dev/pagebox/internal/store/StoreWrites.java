/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

/**
 * Bytes the page store has handed to the operating system since it was opened, by kind of write.
 *
 * @param pageBytes pages written in place: write-back of logged pages, recovery's redo, and unlogged pages
 * @param unloggedPageBytes the part of {@code pageBytes} that the log does not hold (overflow values' pages)
 * @param metadataBytes header copies and free-space snapshots written by checkpoints
 * @param extensionBytes zeros written to grow the data file where {@code fallocate} is not available
 */
public record StoreWrites(long pageBytes, long unloggedPageBytes, long metadataBytes, long extensionBytes) {}
