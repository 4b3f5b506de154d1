/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import dev.pagebox.DiskFullException;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxTree;
import dev.pagebox.StoreFailedException;
import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.CrashMode;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example for engine users: code on a store whose disk fails, tested with the fault-injecting file
 * system this artifact brings. What it shows is what a user's own test would rely on.
 */
class FaultInjectionExampleTest {
    @TempDir
    Path directory;

    @Test
    void aFailedSyncFencesTheStoreAndLosesNothingAcknowledged() {
        FaultInjectingFileSystem disk = new FaultInjectingFileSystem(42);
        PageboxOptions options = PageboxOptions.builder().channels(disk).build();
        try (Pagebox store = Pagebox.open(directory, options)) {
            PageboxTree orders = store.tree("orders");
            orders.put(bytes("o1"), bytes("paid"), CommitMode.STRICT); // acknowledged: durable

            disk.failWhen(Operation.FORCE, path -> true, FaultInjectingFileSystem.ioError());
            assertThatThrownBy(() -> orders.put(bytes("o2"), bytes("paid"), CommitMode.STRICT))
                    .isInstanceOf(StoreFailedException.class);
            assertThat(store.isHealthy()).isFalse();
            disk.clearFaults();
        }
        try (Pagebox reopened = Pagebox.open(directory)) {
            assertThat(reopened.tree("orders").get(bytes("o1"))).isEqualTo(bytes("paid"));
        }
    }

    @Test
    void powerLossKeepsEveryStrictWrite() throws Exception {
        FaultInjectingFileSystem disk = new FaultInjectingFileSystem(7);
        PageboxOptions options = PageboxOptions.builder().channels(disk).build();
        Pagebox store = Pagebox.open(directory, options);
        for (int i = 0; i < 100; i++) {
            store.tree("orders").put(bytes("o" + i), bytes("paid"), CommitMode.STRICT);
        }

        disk.crash(CrashMode.DROP_UNSYNCED); // the machine loses power: unsynced writes are gone
        try {
            store.close(); // only frees this JVM's resources; the files are dead
        } catch (RuntimeException expected) {
            // closing over dead files may fail; what survived is what the reopen finds
        }

        try (Pagebox reopened = Pagebox.open(directory)) {
            assertThat(reopened.tree("orders").count()).isEqualTo(100);
        }
    }

    @Test
    void aFullDiskFencesTheStoreWhichReopensWithEverythingAcknowledged() {
        FaultInjectingFileSystem disk = new FaultInjectingFileSystem(1);
        PageboxOptions options = PageboxOptions.builder().channels(disk).build();
        try (Pagebox store = Pagebox.open(directory, options)) {
            store.tree("orders").put(bytes("o1"), bytes("paid"), CommitMode.STRICT);

            disk.diskFullAfter(0);
            // The data file or the log, whichever needs room first, fails the write; a log write fences the store.
            assertThatThrownBy(() -> store.tree("orders").put(bytes("o2"), new byte[1 << 20], CommitMode.STRICT))
                    .satisfiesAnyOf(
                            failure -> assertThat(failure).isInstanceOf(DiskFullException.class),
                            failure -> assertThat(failure)
                                    .isInstanceOf(StoreFailedException.class)
                                    .hasCauseInstanceOf(DiskFullException.class));
            disk.clearFaults();
        }
        try (Pagebox reopened = Pagebox.open(directory)) {
            assertThat(reopened.isHealthy()).isTrue();
            assertThat(reopened.tree("orders").get(bytes("o1"))).isEqualTo(bytes("paid"));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
