/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes as one line of text for {@code scan}: UTF-8 as it is, except a backslash as {@code \\}, tab, newline and
 * carriage return as {@code \t \n \r}, other control characters and bytes that are not well-formed UTF-8 as
 * {@code \xHH}. The output thus has one entry per line, tab-separated, and still names every byte.
 */
final class EscapedText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EscapedText() {}

    static String escape(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        StringBuilder text = new StringBuilder(bytes.length + 8);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            out.flip();
            appendEscaped(text, out);
            out.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    appendHex(text, in.get());
                }
            } else {
                return text.toString(); // underflow: all input consumed (the buffer is large enough for all)
            }
        }
    }

    private static void appendEscaped(StringBuilder text, CharBuffer chars) {
        while (chars.hasRemaining()) {
            char c = chars.get();
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        appendHex(text, (byte) c);
                    } else {
                        text.append(c);
                    }
                }
            }
        }
    }

    private static void appendHex(StringBuilder text, byte b) {
        text.append("\\x").append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
}
