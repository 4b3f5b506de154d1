/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What is wrong with a request's raw path or query, in words a client can act on. Keys, tree names and scan bounds
 * are UTF-8 text, percent-encoded in the URL; the server refuses a path with an encoded NUL, and bytes that do not
 * decode to UTF-8 cannot name a key.
 */
final class RequestText {
    private RequestText() {}

    /**
     * Why a raw request path cannot name a resource, or null if nothing is wrong with its encoding.
     *
     * @param rawPath the path as sent, still percent-encoded
     * @return the reason, or null
     */
    static @Nullable String pathProblem(String rawPath) {
        if (rawPath.toUpperCase(Locale.ROOT).contains("%00")) {
            return "the path contains %00, an encoded NUL character, which the server refuses in a URL path;"
                    + " a key with a NUL character can be read in a scan (GET /kv/{tree}) but not addressed";
        }
        return encodingProblem(rawPath, "the path");
    }

    /**
     * The first query parameter whose name or value does not decode to UTF-8 text, or null.
     *
     * @param rawQuery the query as sent, still percent-encoded; may be null
     * @return the parameter's name (as far as it decodes), or null
     */
    static @Nullable String undecodableParameter(@Nullable String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (encodingProblem(pair, "") != null) {
                return lenient(name);
            }
        }
        return null;
    }

    /**
     * Why percent-encoded text does not decode to UTF-8, or null if it does.
     *
     * @param raw the text as sent
     * @param what how to name it in the reason
     */
    static @Nullable String encodingProblem(String raw, String what) {
        byte[] bytes;
        try {
            bytes = percentDecode(raw);
        } catch (IllegalArgumentException e) {
            return what + " has a malformed percent escape (" + e.getMessage() + "); a % must be followed by two"
                    + " hex digits";
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return null;
        } catch (CharacterCodingException e) {
            return what + "'s percent-encoded bytes are not UTF-8 text (at " + firstEscape(raw) + "); keys, tree"
                    + " names and scan bounds are UTF-8";
        }
    }

    private static byte[] percentDecode(String raw) {
        byte[] text = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length);
        for (int i = 0; i < text.length; i++) {
            if (text[i] != '%') {
                bytes.write(text[i]);
                continue;
            }
            int high = i + 1 < text.length ? Character.digit(text[i + 1], 16) : -1;
            int low = i + 2 < text.length ? Character.digit(text[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException(
                        new String(text, i, Math.min(3, text.length - i), StandardCharsets.ISO_8859_1));
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toByteArray();
    }

    /** The first escape whose byte is not ASCII, as a hint to which one is wrong. */
    private static String firstEscape(String raw) {
        for (int i = raw.indexOf('%'); i >= 0 && i + 2 < raw.length(); i = raw.indexOf('%', i + 1)) {
            if (Character.digit(raw.charAt(i + 1), 16) >= 8) {
                return raw.substring(i, i + 3);
            }
        }
        return "%";
    }

    /** Percent-decoded text with anything undecodable replaced, for naming a parameter in a message. */
    private static String lenient(String raw) {
        try {
            return new String(percentDecode(raw), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
