/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.testing.SmallStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropTreeTest {
    private static final PageboxOptions OPTIONS = SmallStores.options(32).build();

    @TempDir
    Path directory;

    @Test
    void aDroppedTreeIsGoneAndItsPagesAreFreeForOtherTrees() throws IOException {
        try (Pagebox store = Pagebox.open(directory, OPTIONS)) {
            PageboxTree doomed = store.tree("doomed");
            PageboxTree kept = store.tree("kept");
            fill(doomed, 3_000, 300);
            doomed.put(bytes("big"), new byte[50_000]); // an overflow chain, freed with the tree
            fill(kept, 200, 50);
            store.checkpoint();
            long fileAfterFill = dataFileSize();

            assertThat(store.dropTree("doomed")).isTrue();
            assertThat(store.dropTree("doomed"))
                    .as("a second drop finds nothing")
                    .isFalse();
            assertThat(store.trees()).containsExactly("kept");
            assertThatThrownBy(() -> doomed.get(bytes("k1")))
                    .isInstanceOf(PageboxClosedException.class)
                    .hasMessageContaining("dropped tree 'doomed'");
            assertThat(store.tree("doomed").count())
                    .as("the name starts afresh")
                    .isZero();
            assertThat(store.dropTree("doomed")).isTrue();

            PageboxTree reuse = store.tree("reuse");
            fill(reuse, 3_000, 300);
            store.checkpoint();
            assertThat(dataFileSize())
                    .as("the new tree reuses the dropped tree's pages")
                    .isLessThanOrEqualTo(fileAfterFill + fileAfterFill / 8);
            assertThat(kept.count()).isEqualTo(200);
        }
        VerifyReport report = Pagebox.verify(directory, OPTIONS);
        assertThat(report.problems()).isEmpty();
        assertThat(report.leakedPages()).isZero();
        try (Pagebox store = Pagebox.open(directory, OPTIONS)) {
            assertThat(store.trees()).containsExactly("kept", "reuse");
            assertThat(store.tree("kept").get(bytes("k7"))).hasSize(50);
        }
    }

    @Test
    void theDropSurvivesACrashBeforeAnyCheckpoint() {
        PageboxOptions noCheckpoints = OPTIONS.toBuilder()
                .checkpointOnClose(false)
                .checkpointWalSize(64L << 20)
                .checkpointInterval(java.time.Duration.ZERO)
                .build();
        try (Pagebox store = Pagebox.open(directory, noCheckpoints)) {
            fill(store.tree("doomed"), 2_000, 200);
            fill(store.tree("kept"), 100, 20);
            store.checkpoint();
            store.dropTree("doomed");
            // closing without a checkpoint leaves the drop to be replayed, as after a crash
        }
        try (Pagebox store = Pagebox.open(directory, OPTIONS)) {
            assertThat(store.recovery().recordsReplayed()).isPositive();
            assertThat(store.trees()).containsExactly("kept");
        }
        VerifyReport report = Pagebox.verify(directory, OPTIONS);
        assertThat(report.problems()).isEmpty();
        assertThat(report.leakedPages()).isZero();
    }

    @Test
    void callsOnATreeBeingDroppedEitherFinishOrFailAsClosed() throws InterruptedException {
        try (Pagebox store = Pagebox.open(directory, OPTIONS)) {
            PageboxTree doomed = store.tree("doomed");
            PageboxTree kept = store.tree("kept");
            fill(doomed, 500, 100);
            AtomicLong closedFailures = new AtomicLong();
            AtomicLong keptWrites = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; ; i++) {
                        kept.put(bytes(thread + "-" + i), bytes("v"), CommitMode.NONE);
                        keptWrites.incrementAndGet();
                        try {
                            doomed.put(bytes(thread + "-" + i), new byte[100], CommitMode.NONE);
                        } catch (PageboxClosedException e) {
                            closedFailures.incrementAndGet();
                            return;
                        }
                    }
                }));
            }
            while (keptWrites.get() < 2_000) {
                Thread.onSpinWait();
            }
            assertThat(store.dropTree("doomed")).isTrue();
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(closedFailures.get()).as("each writer saw the drop").isEqualTo(2);
            assertThat(kept.count()).isEqualTo(keptWrites.get());
        }
        VerifyReport report = Pagebox.verify(directory, OPTIONS);
        assertThat(report.problems()).isEmpty();
        assertThat(report.leakedPages()).isZero();
    }

    @Test
    void aBatchNamingADroppedTreeFailsAsClosed() {
        try (Pagebox store = Pagebox.open(directory, OPTIONS)) {
            PageboxTree doomed = store.tree("doomed");
            store.dropTree("doomed");
            WriteBatch batch = new WriteBatch()
                    .put(store.tree("kept"), bytes("a"), bytes("1"))
                    .put(doomed, bytes("b"), bytes("2"));
            assertThatThrownBy(() -> store.write(batch)).isInstanceOf(PageboxClosedException.class);
            assertThat(store.tree("kept").get(bytes("a")))
                    .as("nothing of the batch applied")
                    .isNull();
        }
    }

    private long dataFileSize() throws IOException {
        return Files.size(directory.resolve("pagebox.pages"));
    }

    private static void fill(PageboxTree tree, int count, int valueSize) {
        for (int i = 0; i < count; i++) {
            tree.put(bytes("k" + i), new byte[valueSize], CommitMode.NONE);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
