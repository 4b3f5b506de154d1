/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.lang.foreign.MemorySegment;

/** Receives the records of a replay, in LSN order. */
@FunctionalInterface
public interface WalVisitor {
    /**
     * Handles one record. An exception thrown here ends the replay and reaches its caller.
     *
     * @param lsn the record's LSN
     * @param type the record type given to {@code append}
     * @param payload the payload, read-only and valid only during this call (copy what you keep)
     */
    void visit(long lsn, int type, MemorySegment payload);
}
