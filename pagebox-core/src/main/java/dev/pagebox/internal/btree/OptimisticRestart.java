/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

/**
 * Thrown when a node read optimistically is inconsistent (an offset or length outside the page): the reader
 * raced a writer and must restart. One shared instance without a stack trace, so it costs no allocation; it is
 * caught by the operation loops and never escapes the tree.
 */
final class OptimisticRestart extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final OptimisticRestart INSTANCE = new OptimisticRestart();

    private OptimisticRestart() {
        super("optimistic read restarted", null, false, false);
    }

    /** Throws the restart unless the condition holds. */
    static void check(boolean consistent) {
        if (!consistent) {
            throw INSTANCE;
        }
    }
}
