/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.PageboxTree;
import org.junit.jupiter.api.Test;

class KeyRangeTest {

    @Test
    void prefixEndIncrementsTheLastByteThatIsNotFf() {
        assertThat(PageboxTree.prefixEnd(bytes(0x61, 0x62))).containsExactly(0x61, 0x63);
        assertThat(PageboxTree.prefixEnd(bytes(0x61, 0xFF, 0xFF))).containsExactly(0x62);
        assertThat(PageboxTree.prefixEnd(bytes(0x7F))).containsExactly(0x80);
    }

    @Test
    void prefixOfOnlyFfHasNoEnd() {
        assertThat(PageboxTree.prefixEnd(bytes(0xFF, 0xFF))).isNull();
        KeyRange range = KeyRange.of(bytes(0xFF), null, null);
        assertThat(range.contains(bytes(0xFF, 0xFF, 0xFF))).isTrue();
        assertThat(range.contains(bytes(0xFE, 0xFF))).isFalse();
    }

    @Test
    void prefixAndRangeIntersect() {
        KeyRange range = KeyRange.of(bytes('b'), bytes('a', 'z'), bytes('b', 'm'));
        assertThat(range.contains(bytes('a', 'z'))).isFalse(); // below the prefix
        assertThat(range.contains(bytes('b'))).isTrue();
        assertThat(range.contains(bytes('b', 'l', 'z'))).isTrue();
        assertThat(range.contains(bytes('b', 'm'))).isFalse(); // the upper bound is exclusive
        assertThat(range.contains(bytes('c'))).isFalse();
    }

    @Test
    void disjointPrefixAndRangeIsEmpty() {
        assertThat(KeyRange.of(bytes('b'), bytes('c'), null).isEmpty()).isTrue();
        assertThat(KeyRange.of(null, bytes('c'), bytes('c')).isEmpty()).isTrue();
        assertThat(KeyRange.of(bytes('b'), bytes('b', 'a'), bytes('b', 'b')).isEmpty())
                .isFalse();
    }

    @Test
    void emptyPrefixMatchesEverything() {
        KeyRange range = KeyRange.of(new byte[0], null, null);
        assertThat(range.contains(bytes(0x00))).isTrue();
        assertThat(range.contains(bytes(0xFF, 0xFF))).isTrue();
    }

    @Test
    void boundsCompareUnsigned() {
        KeyRange range = KeyRange.of(null, bytes(0x7F), bytes(0x81));
        assertThat(range.contains(bytes(0x80))).isTrue(); // signed, 0x80 would sort below 0x7F
        assertThat(range.contains(bytes(0x01))).isFalse();
    }

    @Test
    void boundsAreCopied() {
        byte[] from = bytes('b');
        KeyRange range = KeyRange.of(null, from, null);
        from[0] = 'z';
        assertThat(range.contains(bytes('c'))).isTrue();
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
