/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import java.lang.foreign.MemorySegment;

/** Receives the entries of a scan. */
@FunctionalInterface
public interface EntryVisitor {
    /**
     * Receives one entry; both segments are read-only and valid only during the call.
     *
     * @return true to go on, false to stop the scan
     */
    boolean visit(MemorySegment key, MemorySegment value);
}
