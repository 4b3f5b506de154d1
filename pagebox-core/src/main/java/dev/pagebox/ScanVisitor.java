/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.nio.ByteBuffer;

/**
 * Receives the entries of a zero-copy scan ({@link PageboxTree#scan}, {@link PageboxTree#scanReverse},
 * {@link PageboxTree#scanPrefix}, {@link PageboxTree#scanPrefixReverse}).
 *
 * <p>The two buffers are read-only views, and <strong>valid only during the call</strong>: the entry's bytes are
 * those from the buffer's position to its limit (the position is not 0 in general), and as soon as the call
 * returns the scan reuses the buffers and the array behind them for the next entries. Copy what you keep
 * ({@code byte[] copy = new byte[key.remaining()]; key.get(key.position(), copy);}), and never keep the buffers or
 * a slice or duplicate of them. The scan hands out nothing it has not validated: each view shows a private copy of
 * the leaf's entries taken under one optimistic read of the leaf and checked afterwards, so a view never shows a
 * half-written entry and does not change while the visitor reads it. Moving a buffer's position or limit is
 * allowed and affects nothing else.
 */
@FunctionalInterface
public interface ScanVisitor {
    /**
     * Receives one entry.
     *
     * @param key the key, from position to limit; valid only during the call
     * @param value the value, from position to limit; valid only during the call
     * @return true to go on, false to stop the scan
     */
    boolean visit(ByteBuffer key, ByteBuffer value);
}
