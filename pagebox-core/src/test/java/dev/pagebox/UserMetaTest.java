/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.CrashMode;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import dev.pagebox.testing.SmallStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User meta slots: kept with checkpoints, replayed after a crash, atomic with the data inside a batch. */
class UserMetaTest {
    @TempDir
    Path directory;

    private final FaultInjectingFileSystem files = new FaultInjectingFileSystem(41);

    private PageboxOptions options() {
        return SmallStores.options(64)
                .channels(files)
                .checkpointWalSize(64L << 20)
                .checkpointInterval(Duration.ZERO)
                .build();
    }

    @Test
    void slotsSurviveACleanCloseAndStartAtZero() {
        try (Pagebox store = Pagebox.open(directory, options())) {
            assertThat(store.userMeta(0)).isZero();
            store.setUserMeta(0, 7);
            store.setUserMeta(Pagebox.USER_META_SLOTS - 1, Long.MIN_VALUE);
            store.setUserMeta(3, 1, CommitMode.RELAXED);
            store.setUserMeta(3, 2, CommitMode.NONE);
            assertThat(store.userMeta(3)).isEqualTo(2);
        }
        try (Pagebox store = Pagebox.open(directory, options())) {
            assertThat(store.recovery().recordsReplayed())
                    .as("the values came from the header")
                    .isZero();
            assertThat(store.userMeta(0)).isEqualTo(7);
            assertThat(store.userMeta(3)).isEqualTo(2);
            assertThat(store.userMeta(Pagebox.USER_META_SLOTS - 1)).isEqualTo(Long.MIN_VALUE);
            assertThat(store.userMeta(1)).isZero();
        }
    }

    @Test
    void anAcknowledgedSlotSurvivesAPowerLossAfterAnotherCheckpoint() throws IOException {
        Pagebox store = Pagebox.open(directory, options());
        store.setUserMeta(1, 10);
        store.checkpoint(); // the header now holds 10
        store.setUserMeta(1, 11); // STRICT: durable in the log only
        store.setUserMeta(2, 22);
        files.crash(CrashMode.DROP_UNSYNCED);
        catchThrowable(store::close);
        try (Pagebox reopened = Pagebox.open(
                directory,
                options().toBuilder().channels(FileChannelFactory.DEFAULT).build())) {
            assertThat(reopened.userMeta(1)).isEqualTo(11);
            assertThat(reopened.userMeta(2)).isEqualTo(22);
        }
    }

    @Test
    void aSlotSetInABatchIsWholeWithTheBatchAcrossACrash() throws IOException {
        Pagebox store = Pagebox.open(directory, options());
        PageboxTree tree = store.tree("t");
        tree.put(bytes("k"), bytes("old"));
        store.setUserMeta(4, 100);
        // The process dies while the batch's second step writes its overflow value: the batch record and the
        // first step reached the log, the meta step did not.
        AtomicBoolean armed = new AtomicBoolean(true);
        files.before(Operation.FORCE, path -> path.getFileName().toString().equals("pagebox.pages"), () -> {
            if (armed.compareAndSet(true, false)) {
                try {
                    files.crash(CrashMode.KEEP_ALL);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        catchThrowable(() -> store.write(new WriteBatch()
                .put(tree, bytes("k"), bytes("new"))
                .put(tree, bytes("big"), new byte[9_000])
                .setUserMeta(4, 101)));
        assertThat(armed).isFalse();
        catchThrowable(store::close);
        files.clearFaults();
        try (Pagebox reopened = Pagebox.open(
                directory,
                options().toBuilder().channels(FileChannelFactory.DEFAULT).build())) {
            assertThat(reopened.tree("t").get(bytes("k"))).isEqualTo(bytes("new"));
            assertThat(reopened.tree("t").get(bytes("big"))).hasSize(9_000);
            assertThat(reopened.userMeta(4)).as("the batch's meta step").isEqualTo(101);
        }
    }

    @Test
    void badSlotsAndReadOnlyStoresAreRefused() {
        try (Pagebox store = Pagebox.open(directory, options())) {
            store.setUserMeta(5, 55);
            assertThatThrownBy(() -> store.setUserMeta(Pagebox.USER_META_SLOTS, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0.." + (Pagebox.USER_META_SLOTS - 1));
            assertThatThrownBy(() -> store.userMeta(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new WriteBatch().setUserMeta(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        }
        try (Pagebox store =
                Pagebox.open(directory, options().toBuilder().readOnly(true).build())) {
            assertThat(store.userMeta(5)).isEqualTo(55);
            assertThatThrownBy(() -> store.setUserMeta(5, 1)).isInstanceOf(ReadOnlyStoreException.class);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
