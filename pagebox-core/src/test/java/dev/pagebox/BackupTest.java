/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.testing.ChildJvm;
import dev.pagebox.testing.SmallStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Pagebox#backup}: copies taken while STRICT writers run (inserts, replacements, values on overflow pages,
 * checkpoints) open as stores of their own holding every write acknowledged before the backup began, and pass the
 * offline check; a process killed during a backup leaves its store intact.
 */
class BackupTest {
    private static final int WRITERS = 3;

    @TempDir
    Path temp;

    private static PageboxOptions options() {
        return SmallStores.options(64)
                .checkpointWalSize(2 << 20)
                .checkpointInterval(Duration.ofMillis(200))
                .build();
    }

    @Test
    void backupsUnderConcurrentStrictWritesHoldEveryWriteAcknowledgedBeforeThem() throws Exception {
        Path directory = temp.resolve("store");
        // Per writer and key: the versions it acknowledged, in order.
        Map<String, List<Integer>> acknowledged = new ConcurrentHashMap<>();
        try (Pagebox store = Pagebox.open(directory, options())) {
            PageboxTree tree = store.tree("t");
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> write(tree, writer, stop, acknowledged)));
            }
            for (int b = 0; b < 3; b++) {
                await(acknowledged, 300 * (b + 1));
                Map<String, Integer> before = latest(acknowledged);
                BackupSummary summary = store.backup(temp.resolve("backup-" + b));
                assertThat(summary.logBytes()).isPositive();
                check(temp.resolve("backup-" + b), before, acknowledged);
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            assertThatThrownBy(() -> store.backup(temp.resolve("backup-0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not empty");
        }
        try (Pagebox store =
                Pagebox.open(directory, options().toBuilder().readOnly(true).build())) {
            store.backup(temp.resolve("backup-of-read-only"));
        }
        check(temp.resolve("backup-of-read-only"), latest(acknowledged), acknowledged);
    }

    @Test
    void aBackupInsideTheStoreOrAroundItIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path directory = temp.resolve("store");
        try (Pagebox store = Pagebox.open(directory, options())) {
            store.tree("t").put(new byte[] {1}, new byte[] {2});
            List<Path> before;
            try (var files = Files.walk(directory)) {
                before = files.sorted().toList();
            }
            assertThatThrownBy(() -> store.backup(directory.resolve("backup")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("inside the store's directory");
            assertThatThrownBy(() -> store.backup(directory.resolve("wal/../backup")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("inside the store's directory");
            assertThatThrownBy(() -> store.backup(temp))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("contains the store's directory");
            try (var files = Files.walk(directory)) {
                assertThat(files.sorted().toList()).as("nothing was created").isEqualTo(before);
            }
        }
    }

    @Test
    void aProcessKilledDuringABackupLeavesItsStoreIntact() throws Exception {
        Path directory = temp.resolve("store");
        Path journal = temp.resolve("acknowledged");
        try (ChildJvm child = ChildJvm.start(
                BackupWhileWriting.class,
                directory.toString(),
                temp.resolve("partial").toString(),
                journal.toString())) {
            child.awaitLine("BACKUP");
            child.kill();
        }
        int acknowledged = Files.readAllLines(journal).size();
        assertThat(acknowledged).isPositive();
        try (Pagebox store = Pagebox.open(directory, options())) {
            PageboxTree tree = store.tree("t");
            for (int i = 0; i < acknowledged; i++) {
                assertThat(tree.get(key(0, i))).as("acknowledged put %d", i).isEqualTo(value(0, i, 0));
            }
        }
        assertThat(Pagebox.verify(directory, options()).problems()).isEmpty();
    }

    /** The child of {@link #aProcessKilledDuringABackupLeavesItsStoreIntact}: writes, then backs up until killed. */
    public static final class BackupWhileWriting {
        private BackupWhileWriting() {}

        public static void main(String[] args) throws Exception {
            try (Pagebox store = Pagebox.open(Path.of(args[0]), options());
                    var journal = new java.io.FileOutputStream(args[2])) {
                PageboxTree tree = store.tree("t");
                for (int i = 0; i < 2_000; i++) {
                    tree.put(key(0, i), value(0, i, 0));
                    journal.write('\n');
                }
                System.out.println("BACKUP");
                System.out.flush();
                for (int b = 0; ; b++) {
                    store.backup(Path.of(args[1]).resolve("b" + b));
                }
            }
        }
    }

    private static void write(
            PageboxTree tree, int writer, AtomicBoolean stop, Map<String, List<Integer>> acknowledged) {
        SplittableRandom random = new SplittableRandom(writer);
        for (int i = 0; !stop.get(); i++) {
            int index = random.nextInt(4) == 0 && i > 0 ? random.nextInt(i) : i; // a quarter replace earlier keys
            String name = writer + "/" + index;
            int version = acknowledged.getOrDefault(name, List.of()).size();
            tree.put(key(writer, index), value(writer, index, version), CommitMode.STRICT);
            acknowledged
                    .computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                    .add(version);
        }
    }

    private static void await(Map<String, List<Integer>> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(acknowledged.size()).as("writes acknowledged").isGreaterThanOrEqualTo(count);
    }

    private static Map<String, Integer> latest(Map<String, List<Integer>> acknowledged) {
        Map<String, Integer> latest = new HashMap<>();
        acknowledged.forEach((name, versions) -> {
            if (!versions.isEmpty()) {
                latest.put(name, versions.getLast());
            }
        });
        return latest;
    }

    /** The backup holds each write acknowledged before it, or a later version of the same key. */
    private static void check(Path backup, Map<String, Integer> before, Map<String, List<Integer>> acknowledged) {
        try (Pagebox copy = Pagebox.open(backup, options())) {
            PageboxTree tree = copy.tree("t");
            for (Map.Entry<String, Integer> entry : before.entrySet()) {
                String[] parts = entry.getKey().split("/");
                int writer = Integer.parseInt(parts[0]);
                int index = Integer.parseInt(parts[1]);
                byte[] value = tree.get(key(writer, index));
                assertThat(value).as("%s in %s", entry.getKey(), backup).isNotNull();
                int version = java.nio.ByteBuffer.wrap(value).getInt(8);
                assertThat(version).as("%s in %s", entry.getKey(), backup).isGreaterThanOrEqualTo(entry.getValue());
                assertThat(value).isEqualTo(value(writer, index, version));
            }
        }
        VerifyReport report = Pagebox.verify(backup, options());
        assertThat(report.problems()).as("%s", backup).isEmpty();
    }

    private static byte[] key(int writer, int index) {
        return String.format("w%d-%06d", writer, index).getBytes(StandardCharsets.UTF_8);
    }

    /** A value naming its key and version; one in ten on overflow pages. */
    private static byte[] value(int writer, int index, int version) {
        SplittableRandom random = new SplittableRandom((long) writer << 40 | (long) index << 8 | version);
        byte[] value = new byte[random.nextInt(10) == 0 ? 5_000 + random.nextInt(20_000) : 12 + random.nextInt(300)];
        random.nextBytes(value);
        java.nio.ByteBuffer.wrap(value).putInt(0, writer).putInt(4, index).putInt(8, version);
        return value;
    }
}
