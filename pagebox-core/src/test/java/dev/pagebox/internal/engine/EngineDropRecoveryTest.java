/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.VerifyReport;
import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.wal.Wal;
import dev.pagebox.testing.SmallStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineDropRecoveryTest {
    private static final PageboxOptions OPTIONS = SmallStores.options(32).build();

    @TempDir
    Path directory;

    /**
     * A crash after the drop began: the log holds its begin record and perhaps some of its page lists, but not
     * its end. Recovery must finish the drop, freeing every page of the tree exactly once.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void recoveryFinishesADropThatBeganBeforeACrash(boolean somePagesLogged) {
        Catalog.Entry doomed;
        try (Engine engine = Engine.open(directory, OPTIONS)) {
            BTree tree = engine.tree("doomed").tree();
            for (int i = 0; i < 2_000; i++) {
                tree.put(bytes("k" + i), new byte[200], CommitMode.NONE);
            }
            tree.put(bytes("big"), new byte[30_000], CommitMode.NONE);
            engine.tree("kept").tree().put(bytes("a"), bytes("1"), CommitMode.STRICT);
            doomed = engine.catalogEntries().stream()
                    .filter(e -> e.name().equals("doomed"))
                    .findFirst()
                    .orElseThrow();
        }
        try (PageStore store = PageStore.open(directory, EngineOpener.storeConfig(OPTIONS));
                Wal wal = Wal.open(EngineOpener.walConfig(
                        directory, OPTIONS, store.header().storeId()))) {
            wal.append(DropRecords.BEGIN, DropRecords.begin(doomed.treeId(), doomed.rootPageId()), CommitMode.NONE);
            if (somePagesLogged) {
                long[] root = {doomed.rootPageId()};
                wal.append(DropRecords.PAGES, DropRecords.pages(doomed.treeId(), root, 0, 1), CommitMode.NONE);
            }
            wal.flushAll();
        }
        try (Engine engine = Engine.open(directory, OPTIONS)) {
            assertThat(engine.treeNames()).containsExactly("kept");
            assertThat(engine.tree("kept").tree().get(bytes("a"))).isEqualTo(bytes("1"));
        }
        VerifyReport report = Pagebox.verify(directory, OPTIONS);
        assertThat(report.problems()).isEmpty();
        assertThat(report.leakedPages())
                .as("every page of the dropped tree is free")
                .isZero();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
