/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.pagebox.internal.page.PageIds;
import dev.pagebox.internal.store.PageReadOutcome;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.PageStoreConfig;
import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.CrashMode;
import dev.pagebox.testing.SmallStores;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes simulated with the fault-injecting file layer: what reached the disk decides what recovery sees. */
class PageboxRecoveryTest {
    @TempDir
    Path directory;

    @Test
    void aPageTornDuringACheckpointIsRebuiltFromItsLoggedImage() throws IOException {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(21);
        PageboxOptions options = SmallStores.options(64)
                .channels(files)
                .checkpointInterval(Duration.ZERO)
                .checkpointWalSize(64L << 20)
                .build();
        Pagebox store = Pagebox.open(directory, options);
        {
            PageboxTree tree = store.tree("t");
            for (int i = 0; i < 2_000; i++) {
                tree.put(key(i), value(i, 1), CommitMode.NONE);
            }
            store.checkpoint();
            for (int i = 0; i < 2_000; i += 3) {
                tree.put(key(i), value(i, 2)); // STRICT; the first change of each page logs its image
            }
            // The checkpoint's first page write gets half a page through, then the machine dies.
            files.tearWrites(
                    path -> path.getFileName().toString().equals("pagebox.pages"),
                    SmallStores.PAGE_SIZE / 2,
                    FaultInjectingFileSystem.ioError());
            assertThatThrownBy(store::checkpoint).isInstanceOf(PageboxException.class);
            crash(store, files, CrashMode.KEEP_ALL);
        }
        assertThat(unreadablePages()).as("the torn page is on disk").isPositive();
        try (Pagebox reopened = Pagebox.open(
                directory,
                options.toBuilder().channels(FileChannelFactory.DEFAULT).build())) {
            for (int i = 0; i < 2_000; i++) {
                assertThat(reopened.tree("t").get(key(i))).isEqualTo(value(i, i % 3 == 0 ? 2 : 1));
            }
        }
        assertThat(Pagebox.verify(directory, SmallStores.options(64).build()).problems())
                .isEmpty();
    }

    @Test
    void rootSplitsBeforeAnyCheckpointSurviveAPowerLoss() throws IOException {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(22);
        PageboxOptions options = SmallStores.options(64)
                .channels(files)
                .checkpointInterval(Duration.ZERO)
                .checkpointWalSize(64L << 20)
                .build();
        int height;
        Pagebox store = Pagebox.open(directory, options);
        {
            PageboxTree tree = store.tree("t");
            for (int i = 0; i < 3_000; i++) {
                tree.put(wideKey(i), value(i, 1)); // STRICT
            }
            height = tree.stats().height();
            assertThat(store.stats().checkpoints().count())
                    .as("only the checkpoint at open")
                    .isEqualTo(1);
            crash(store, files, CrashMode.DROP_UNSYNCED);
        }
        assertThat(height).as("the root split at least twice").isGreaterThanOrEqualTo(3);
        try (Pagebox reopened = Pagebox.open(
                directory,
                options.toBuilder().channels(FileChannelFactory.DEFAULT).build())) {
            assertThat(reopened.recovery().recordsReplayed()).isGreaterThanOrEqualTo(3_000);
            PageboxTree tree = reopened.tree("t");
            assertThat(tree.stats().height()).isEqualTo(height);
            for (int i = 0; i < 3_000; i++) {
                assertThat(tree.get(wideKey(i))).as("acknowledged put %d", i).isEqualTo(value(i, 1));
            }
        }
    }

    /**
     * RELAXED writes become durable on the flusher's clock, without any call that forces them, and a power loss
     * takes only a suffix of them: the ones acknowledged within about a flush interval before it.
     */
    @Test
    void aPowerLossTakesOnlyTheLastRelaxedWrites() throws Exception {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(23);
        Duration interval = Duration.ofMillis(10);
        PageboxOptions options = SmallStores.options(256)
                .channels(files)
                .commitMode(CommitMode.RELAXED)
                .flushInterval(interval)
                .checkpointInterval(Duration.ZERO)
                .checkpointWalSize(64L << 20)
                .build();
        int writes = 20_000;
        long[] acknowledgedAt = new long[writes];
        AtomicInteger acknowledged = new AtomicInteger();
        long crashedAt;
        Pagebox store = Pagebox.open(directory, options);
        {
            PageboxTree tree = store.tree("t");
            tree.put(key(-1), value(-1, 1));
            long end = store.stats().log().endLsn();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.stats().log().durableLsn() >= end);

            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < writes; i++) {
                        tree.put(key(i), value(i, 1));
                        acknowledgedAt[i] = System.nanoTime();
                        acknowledged.set(i + 1);
                    }
                } catch (PageboxException crashed) {
                    // the crash below killed the files under the writer
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.get() >= writes / 2);
            crashedAt = System.nanoTime();
            files.crash(CrashMode.DROP_UNSYNCED);
            writer.join();
            catchThrowable(store::close); // see crash(): only releases this JVM's resources
        }
        int acked = acknowledged.get();
        try (Pagebox reopened = Pagebox.open(
                directory,
                options.toBuilder().channels(FileChannelFactory.DEFAULT).build())) {
            PageboxTree tree = reopened.tree("t");
            assertThat(tree.get(key(-1))).as("durable without any sync call").isNotNull();
            int survivors = 0;
            while (survivors < writes && tree.get(key(survivors)) != null) {
                survivors++;
            }
            for (int i = survivors; i < writes; i++) {
                assertThat(tree.get(key(i)))
                        .as("only a suffix is lost: put %d", i)
                        .isNull();
            }
            assertThat(survivors)
                    .as("the flusher made writes durable while they ran")
                    .isPositive();
            long lostWindowMicros = survivors >= acked ? 0 : (crashedAt - acknowledgedAt[survivors]) / 1_000;
            System.out.printf(
                    "RELAXED power loss: %d of %d acknowledged writes survived; the lost ones were acknowledged"
                            + " within %d us before the crash (flush interval %d ms)%n",
                    survivors, acked, lostWindowMicros, interval.toMillis());
            // Loose on purpose (a noisy machine may deschedule the flusher); it still fails if flushing stalled.
            assertThat(lostWindowMicros).isLessThan(Duration.ofSeconds(2).toNanos() / 1_000);
        }
    }

    @Test
    void noneWritesReachTheOperatingSystemWithinAFlushIntervalAndSurviveAProcessKill() throws Exception {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(24);
        PageboxOptions options = SmallStores.options(256)
                .channels(files)
                .commitMode(CommitMode.NONE)
                .flushInterval(Duration.ofMillis(10))
                .checkpointInterval(Duration.ZERO)
                .checkpointWalSize(64L << 20)
                .build();
        Pagebox store = Pagebox.open(directory, options);
        PageboxTree tree = store.tree("t");
        store.sync();
        long unwalked = store.stats().log().bytes() - store.stats().log().endLsn(); // all walked: a constant
        for (int i = 0; i < 500; i++) {
            tree.put(key(i), value(i, 1));
        }
        // No flush, sync or checkpoint: the flusher writes NONE records to the file on its own. Its byte count
        // moves just before a write; a later record counted means the earlier write is done.
        for (int round = 0; round < 2; round++) {
            tree.put(key(1_000 + round), value(round, 1));
            long end = store.stats().log().endLsn();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.stats().log().bytes() - unwalked >= end);
        }
        assertThat(store.stats().log().durableLsn())
                .as("nothing synced them")
                .isLessThan(store.stats().log().endLsn());
        crash(store, files, CrashMode.KEEP_ALL); // a process kill: the kernel keeps every write
        try (Pagebox reopened = Pagebox.open(
                directory,
                options.toBuilder().channels(FileChannelFactory.DEFAULT).build())) {
            for (int i = 0; i < 500; i++) {
                assertThat(reopened.tree("t").get(key(i))).as("NONE put %d", i).isEqualTo(value(i, 1));
            }
        }
    }

    /**
     * The machine dies: unsynced writes go as {@code mode} says and every open file fails. The store object is
     * then closed only to release its memory, threads and directory lock in this JVM; that close fails on the
     * dead files or not, which tells nothing about what survived.
     */
    private static void crash(Pagebox store, FaultInjectingFileSystem files, CrashMode mode) throws IOException {
        files.crash(mode);
        catchThrowable(store::close);
    }

    /** Pages of the data file that fail their checks, read straight from the file. */
    private long unreadablePages() {
        try (PageStore pages = PageStore.open(
                directory, new PageStoreConfig(SmallStores.PAGE_SIZE, false, FileChannelFactory.DEFAULT))) {
            MemorySegment buffer = Arena.ofAuto().allocate(SmallStores.PAGE_SIZE, SmallStores.PAGE_SIZE);
            long unreadable = 0;
            for (long pageId = PageIds.FIRST_DATA; pageId < pages.allocator().pageCount(); pageId++) {
                if (!pages.allocator().isFree(pageId) && pages.tryReadPage(pageId, buffer) != PageReadOutcome.VALID) {
                    unreadable++;
                }
            }
            return unreadable;
        }
    }

    private static byte[] key(int i) {
        return String.format("key%08d", i).getBytes(StandardCharsets.UTF_8);
    }

    /** A 100-byte key: inner nodes of 4 KiB pages then hold about 30 children, so the tree grows tall. */
    private static byte[] wideKey(int i) {
        return (String.format("key%08d", i) + "k".repeat(89)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i, int version) {
        return ("value-" + i + "-v" + version + "-" + "x".repeat(Math.floorMod(i, 50)))
                .getBytes(StandardCharsets.UTF_8);
    }
}
