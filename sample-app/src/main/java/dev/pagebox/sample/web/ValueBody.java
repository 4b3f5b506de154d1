/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body of bounded size. A declared length over the limit is refused before any byte is read; a
 * body without one (chunked) is read to one byte past the limit, so an endless upload costs at most the limit in
 * memory.
 */
final class ValueBody {
    private ValueBody() {}

    /**
     * Reads the whole body.
     *
     * @param body the request body
     * @param declaredLength the Content-Length, or -1 if there is none
     * @param limit the most bytes a body may have
     * @return the body's bytes
     * @throws org.springframework.web.ErrorResponseException 413 if the body is larger than the limit
     * @throws IOException if reading fails (the client went away)
     */
    static byte[] read(InputStream body, long declaredLength, int limit) throws IOException {
        if (declaredLength > limit) {
            throw KvProblems.valueTooLarge(declaredLength, limit);
        }
        byte[] value = body.readNBytes(limit + 1);
        if (value.length > limit) {
            throw KvProblems.valueTooLarge(-1, limit);
        }
        return value;
    }
}
