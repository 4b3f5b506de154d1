/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapedTextTest {

    @Test
    void printableUtf8StaysAsItIs() {
        assertThat(EscapedText.escape("héllo wörld €".getBytes(UTF_8))).isEqualTo("héllo wörld €");
    }

    @Test
    void separatorsAndBackslashAreEscaped() {
        assertThat(EscapedText.escape("a\tb\nc\rd\\e".getBytes(UTF_8))).isEqualTo("a\\tb\\nc\\rd\\\\e");
    }

    @Test
    void otherControlCharactersAreHex() {
        assertThat(EscapedText.escape(new byte[] {'a', 0x00, 0x1B, 0x7F, 'b'})).isEqualTo("a\\x00\\x1b\\x7fb");
    }

    @Test
    void malformedUtf8IsHexAndDecodingResumesAfterIt() {
        // 0xFF never occurs in UTF-8; 0xC3 alone is a truncated two-byte sequence.
        assertThat(EscapedText.escape(new byte[] {'a', (byte) 0xFF, 'b', (byte) 0xC3, (byte) 0xA9, (byte) 0xC3}))
                .isEqualTo("a\\xffbé\\xc3");
    }

    @Test
    void emptyIsEmpty() {
        assertThat(EscapedText.escape(new byte[0])).isEmpty();
    }
}
