/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.testing.SmallStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prefix's range is [prefix, prefixEnd(prefix)): exactly the keys that start with it, 0xFF bytes included. */
class PrefixRangeTest {
    @TempDir
    Path directory;

    @Test
    void prefixEndIsTheSmallestKeyAboveEveryKeyWithThePrefix() {
        assertThat(PageboxTree.prefixEnd(bytes(0x61, 0x62))).containsExactly(0x61, 0x63);
        assertThat(PageboxTree.prefixEnd(bytes(0x61, 0xFF, 0xFF))).containsExactly(0x62);
        assertThat(PageboxTree.prefixEnd(bytes(0x7F))).containsExactly(0x80);
        assertThat(PageboxTree.prefixEnd(bytes(0xFF, 0xFF))).isNull();
        assertThat(PageboxTree.prefixEnd(new byte[0])).isNull();
    }

    @Test
    void aRangeUpToThePrefixEndVisitsWhatThePrefixScanVisits() {
        try (Pagebox store = Pagebox.open(directory, SmallStores.options(32).build())) {
            PageboxTree tree = store.tree("t");
            for (byte[] key : List.of(
                    bytes(0x61),
                    bytes(0x61, 0x00),
                    bytes(0x61, 0xFF),
                    bytes(0x61, 0xFF, 0xFF),
                    bytes(0x62),
                    bytes(0x60, 0xFF),
                    bytes(0x61, 0x62, 0x63))) {
                tree.put(key, key);
            }
            for (byte[] prefix : List.of(bytes(0x61), bytes(0x61, 0xFF), bytes(0x60))) {
                List<String> byPrefix = new ArrayList<>();
                tree.prefix(prefix, (key, value) -> byPrefix.add(hex(key)));
                List<String> byRange = new ArrayList<>();
                tree.range(prefix, PageboxTree.prefixEnd(prefix), (key, value) -> byRange.add(hex(key)));
                assertThat(byRange)
                        .as("prefix %s", hex(prefix))
                        .isEqualTo(byPrefix)
                        .isNotEmpty();
            }
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
