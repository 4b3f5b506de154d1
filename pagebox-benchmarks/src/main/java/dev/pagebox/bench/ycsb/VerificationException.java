/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.io.Serial;

/** An engine gave a wrong answer: a missing record, a value that belongs elsewhere, or corrupted bytes. */
public final class VerificationException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, naming the record
     */
    public VerificationException(String message) {
        super(message);
    }
}
