/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/** When a write is durable, relative to when the call that made it returns. */
public enum CommitMode {
    /**
     * The call returns once the write is durable on the device. Concurrent writers share one {@code fdatasync}
     * (group commit).
     */
    STRICT,
    /**
     * The call returns at once; a background flusher makes the write durable within the flush interval. A
     * crash of the machine may lose at most that window; a crash of the process loses nothing that reached
     * the operating system.
     */
    RELAXED,
    /**
     * The call returns at once; the background flusher hands the write to the operating system within the flush
     * interval but does not sync it until a checkpoint, {@code sync()}, a {@code STRICT} write or close. Once handed
     * over it survives a crash of the process (it is in the operating system's cache), not a power loss.
     */
    NONE
}
