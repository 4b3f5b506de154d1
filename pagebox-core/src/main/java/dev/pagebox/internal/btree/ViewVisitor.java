/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import java.nio.ByteBuffer;

/** Receives the entries of a {@link TreeScan} as views of its private, validated copy of the leaf. */
@FunctionalInterface
public interface ViewVisitor {
    /**
     * Receives one entry: the bytes from position to limit of each read-only buffer, valid only during the call
     * (the scan reuses both buffers and their backing array for the next entry).
     *
     * @return true to go on, false to stop the scan
     */
    boolean visit(ByteBuffer key, ByteBuffer value);
}
