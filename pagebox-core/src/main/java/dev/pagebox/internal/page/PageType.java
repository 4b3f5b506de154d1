/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.page;

/** What a page holds; stored in the page header. */
public enum PageType {
    /** A page that was never written: all bytes are zero. */
    UNUSED(0),
    /** A B+tree leaf: keys and values (or overflow references). */
    BTREE_LEAF(1),
    /** A B+tree inner node: separator keys and child swips. */
    BTREE_INNER(2),
    /** A chunk of a value too large to store inline. */
    OVERFLOW(3);

    private static final PageType[] BY_CODE = values();

    private final int code;

    PageType(int code) {
        this.code = code;
    }

    /**
     * Returns the on-disk code.
     *
     * @return the byte stored in the page header
     */
    public int code() {
        return code;
    }

    /**
     * Decodes a type.
     *
     * @param code the byte from a page header
     * @return the type
     * @throws IllegalArgumentException for an unknown code
     */
    public static PageType ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown page type code " + code);
        }
        return BY_CODE[code];
    }
}
