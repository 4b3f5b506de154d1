/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.testing.SmallStores;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyTest {
    private static final int PAGE_SIZE = SmallStores.PAGE_SIZE;
    private static final PageboxOptions OPTIONS = SmallStores.options(32).build();

    @TempDir
    Path directory;

    @Test
    void aHealthyStoreVerifiesCleanAndDamageIsReportedPageByPage() throws Exception {
        try (Pagebox store = Pagebox.open(directory, OPTIONS)) {
            for (int i = 0; i < 3_000; i++) {
                store.tree("a").put(bytes("a" + i), new byte[i % 50 == 0 ? 5_000 : 40], CommitMode.NONE);
                store.tree("b").put(bytes("b" + i), bytes("v" + i), CommitMode.NONE);
            }
            for (int i = 0; i < 3_000; i += 3) {
                store.tree("a").delete(bytes("a" + i), CommitMode.NONE);
            }
        }
        VerifyReport clean = Pagebox.verify(directory, OPTIONS);
        assertThat(clean.problems()).isEmpty();
        assertThat(clean.isClean()).isTrue();
        assertThat(clean.trees()).isEqualTo(2);
        assertThat(clean.entries()).isEqualTo(2_000 + 3_000);
        assertThat(clean.pagesChecked()).isGreaterThan(50);

        // Flip one byte in the middle of several pages (not the catalog's root, which the store needs to open).
        try (FileChannel data = FileChannel.open(
                directory.resolve("pagebox.pages"), StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            for (long pageId = 10; pageId < 14; pageId++) {
                ByteBuffer one = ByteBuffer.allocate(1);
                long offset = pageId * PAGE_SIZE + PAGE_SIZE / 2;
                data.read(one, offset);
                one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
                data.write(one, offset);
            }
        }
        VerifyReport damaged = Pagebox.verify(directory, OPTIONS);
        assertThat(damaged.isClean()).isFalse();
        assertThat(damaged.problems())
                .as("each damaged page in use is reported, not just the first")
                .filteredOn(problem -> problem.contains("checksum"))
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aStoreTooDamagedToOpenGetsAReportNamingTheDamage() throws Exception {
        try (Pagebox store = Pagebox.open(directory, OPTIONS)) {
            store.tree("a").put(bytes("k"), bytes("v"));
        }
        try (FileChannel data = FileChannel.open(
                directory.resolve("pagebox.pages"), StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            for (long pageId = 2; pageId < data.size() / PAGE_SIZE; pageId++) { // every page, the catalog's too
                data.write(ByteBuffer.wrap(new byte[] {(byte) 0xA5}), pageId * PAGE_SIZE + PAGE_SIZE / 2);
            }
        }
        VerifyReport report = Pagebox.verify(directory, OPTIONS);
        assertThat(report.isClean()).isFalse();
        assertThat(report.problems())
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("the store cannot be opened")
                .contains("pagebox.pages");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
