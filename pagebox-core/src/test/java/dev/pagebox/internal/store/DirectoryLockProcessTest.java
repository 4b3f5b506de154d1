/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.StoreLockedException;
import dev.pagebox.testing.ChildJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory lock between processes and within one JVM, and its release when the holder is killed. */
class DirectoryLockProcessTest {

    @Test
    void anotherProcessHoldingTheStoreIsNamedAndItsDeathReleasesTheLock(@TempDir Path directory) throws Exception {
        try (ChildJvm child = ChildJvm.start(LockHolderMain.class, directory.toString())) {
            child.awaitLine("LOCKED");

            assertThatThrownBy(() -> PageStore.open(directory, PageStoreConfig.of(4096)))
                    .isInstanceOfSatisfying(StoreLockedException.class, e -> assertThat(e.directory())
                            .isEqualTo(directory))
                    .hasMessageContaining("process " + child.pid());

            child.kill(); // SIGKILL: no clean close, the kernel drops the lock
        }
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(4096))) {
            assertThat(store.created()).isFalse();
        }
    }

    @Test
    void aSecondOpenInThisJvmSaysSoAndNamesTheOpeningThread(@TempDir Path directory) throws Exception {
        PageStore[] held = new PageStore[1];
        Thread.ofPlatform()
                .name("store-opener")
                .start(() -> held[0] = PageStore.open(directory, PageStoreConfig.of(4096)))
                .join();
        try (PageStore store = held[0]) {
            assertThatThrownBy(() -> PageStore.open(directory, PageStoreConfig.of(4096)))
                    .isInstanceOfSatisfying(StoreLockedException.class, e -> assertThat(e.directory())
                            .isEqualTo(directory))
                    .hasMessageStartingWith("data directory " + directory + " is already open in this JVM (process "
                            + ProcessHandle.current().pid() + " on ")
                    .hasMessageContaining("thread 'store-opener'")
                    .hasMessageContaining("close that store first, or give each store its own directory")
                    .hasMessageNotContaining("only one process");
            assertThat(store.created()).isTrue();
        }
        try (PageStore reopened = PageStore.open(directory, PageStoreConfig.of(4096))) {
            assertThat(reopened.created())
                    .as("the failed opener left the lock alone")
                    .isFalse();
        }
    }
}
