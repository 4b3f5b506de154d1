/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import dev.pagebox.testing.SmallStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed log sync fences the store: writes fail from then on, reads go on, nothing acknowledged is lost. */
class PageboxFailureTest {
    @TempDir
    Path directory;

    @Test
    void aFailedLogSyncFencesTheStoreAndLosesNothingAcknowledged() {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(11);
        PageboxOptions options = SmallStores.options(32).channels(files).build();
        try (Pagebox store = Pagebox.open(directory, options)) {
            PageboxTree tree = store.tree("t");
            for (int i = 0; i < 100; i++) {
                tree.put(bytes("k" + i), bytes("v" + i)); // STRICT: durable when it returns
            }
            files.failWhen(
                    Operation.FORCE,
                    path -> path.getParent().getFileName().toString().equals("wal"),
                    FaultInjectingFileSystem.ioError());
            assertThatThrownBy(() -> tree.put(bytes("lost"), bytes("x"))).isInstanceOf(StoreFailedException.class);
            assertThat(store.state()).isEqualTo(PageboxState.FENCED);
            assertThat(store.isHealthy()).isFalse();
            assertThat(store.failure())
                    .hasValueSatisfying(cause -> assertThat(cause).hasStackTraceContaining("Input/output error"));
            assertThatThrownBy(() -> tree.put(bytes("later"), bytes("y")))
                    .isInstanceOf(StoreFailedException.class)
                    .hasMessageContaining("fenced");
            assertThat(tree.get(bytes("k42"))).as("reads keep working").isEqualTo(bytes("v42"));
        }
        try (Pagebox store = Pagebox.open(
                directory,
                options.toBuilder().channels(FileChannelFactory.DEFAULT).build())) {
            assertThat(store.state()).isEqualTo(PageboxState.HEALTHY);
            for (int i = 0; i < 100; i++) {
                assertThat(store.tree("t").get(bytes("k" + i))).isEqualTo(bytes("v" + i));
            }
        }
    }

    @Test
    void aFullDiskFailsTheWriteCleanlyAndLosesNothingAcknowledged() {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(12);
        PageboxOptions options = SmallStores.options(32).channels(files).build();
        int acknowledged = 0;
        try (Pagebox store = Pagebox.open(directory, options)) {
            PageboxTree tree = store.tree("t");
            files.diskFullAfter(64 * 1024);
            Throwable failure = null;
            for (int i = 0; i < 10_000 && failure == null; i++) {
                try {
                    tree.put(bytes("k" + i), new byte[100]);
                    acknowledged++;
                } catch (PageboxException e) {
                    failure = e;
                }
            }
            assertThat(failure).as("the disk filled up").isNotNull();
            assertThat(failure)
                    .as("a full disk fails the write with DiskFullException itself, on every path (see DiskFullTest)")
                    .isInstanceOf(DiskFullException.class);
            assertThat(tree.get(bytes("k0"))).as("reads keep working").isNotNull();
        }
        try (Pagebox store = Pagebox.open(
                directory,
                options.toBuilder().channels(FileChannelFactory.DEFAULT).build())) {
            for (int i = 0; i < acknowledged; i++) {
                assertThat(store.tree("t").get(bytes("k" + i)))
                        .as("acknowledged put %d", i)
                        .isNotNull();
            }
        }
        assertThat(acknowledged).isPositive();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
