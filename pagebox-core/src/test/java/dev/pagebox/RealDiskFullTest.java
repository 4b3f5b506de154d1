/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real file system that fills up: a 48 MiB {@code tmpfs} (mounted by the test, which needs root; skipped with the
 * reason where it cannot mount), four writer threads, a 16 MiB pool and 8 MiB log segments. The store must report
 * the full disk, keep serving reads, fail writes with {@link DiskFullException}, close cleanly, open read-only on the
 * full disk, and after the file system grows reopen with every acknowledged write; it also resumes writing without
 * a reopen.
 */
class RealDiskFullTest {
    private static final int VALUE = 1_000;

    @TempDir
    Path temp;

    private Path mount;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        mount = Files.createDirectories(temp.resolve("tmpfs"));
        String failure = run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount.toString());
        Assumptions.assumeTrue(failure == null, () -> "cannot mount a 48 MiB tmpfs (needs root): " + failure);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", "-l", mount.toString());
        }
    }

    private static PageboxOptions options() {
        return PageboxOptions.builder()
                .pageSize(4096)
                .poolSize(16L << 20)
                .walSegmentSize(8L << 20)
                .walBufferSize(1 << 20)
                .checkpointWalSize(16L << 20)
                .build();
    }

    @Test
    void fillingTheFileSystemKeepsReadsAndEveryAcknowledgedWrite() throws Exception {
        Path directory = mount.resolve("store");
        Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
        try (Pagebox store = Pagebox.open(directory, options())) {
            List<Throwable> failures = fill(store, acknowledged);
            assertThat(failures)
                    .as("every writer stopped on a full disk")
                    .hasSize(4)
                    .allSatisfy(failure -> assertThat(failure)
                            .isInstanceOf(DiskFullException.class)
                            .hasMessageContaining(directory.toString()));
            assertThat(acknowledged.size()).as("acknowledged puts").isGreaterThan(5_000);
            assertThat(store.state()).isEqualTo(PageboxState.DISK_FULL);
            assertThat(store.failure()).containsInstanceOf(DiskFullException.class);
            assertThatThrownBy(() -> store.tree("t").put(bytes("late"), new byte[VALUE]))
                    .isInstanceOf(DiskFullException.class);
            checkAll(store, acknowledged); // 16 MiB of memory for a larger store: reads evict clean pages
        } // a clean close, though the final checkpoint may not fit
        try (Pagebox store =
                Pagebox.open(directory, options().toBuilder().readOnly(true).build())) {
            checkAll(store, acknowledged); // the disk is still full: read-only writes nothing
        }
        run("mount", "-o", "remount,size=128m", mount.toString());
        try (Pagebox store = Pagebox.open(directory, options())) {
            checkAll(store, acknowledged);
            store.tree("t").put(bytes("after growth"), new byte[VALUE]);
            assertThat(store.state()).isEqualTo(PageboxState.HEALTHY);
        }
    }

    @Test
    void writesResumeWithoutAReopenOnceTheFileSystemGrows() throws Exception {
        Path directory = mount.resolve("store");
        Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
        try (Pagebox store = Pagebox.open(directory, options())) {
            fill(store, acknowledged);
            assertThat(store.state()).isEqualTo(PageboxState.DISK_FULL);
            run("mount", "-o", "remount,size=128m", mount.toString());
            PageboxTree tree = store.tree("t");
            await().atMost(Duration.ofSeconds(30))
                    .ignoreException(DiskFullException.class)
                    .until(() -> {
                        tree.put(bytes("resumed"), new byte[VALUE]);
                        return true;
                    });
            assertThat(store.state()).isEqualTo(PageboxState.HEALTHY);
            for (int i = 0; i < 1_000; i++) {
                byte[] value = value(new SplittableRandom(i));
                tree.put(bytes("after-" + i), value);
                acknowledged.put("after-" + i, value);
            }
            checkAll(store, acknowledged);
        }
        try (Pagebox store = Pagebox.open(directory, options())) {
            checkAll(store, acknowledged);
        }
    }

    /** Four writers (two virtual) put until the disk is full; returns why each stopped. */
    private static List<Throwable> fill(Pagebox store, Map<String, byte[]> acknowledged) throws InterruptedException {
        PageboxTree tree = store.tree("t");
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int writer = t;
            Runnable work = () -> {
                SplittableRandom random = new SplittableRandom(writer);
                try {
                    for (int i = 0; ; i++) {
                        String key = "w" + writer + "-" + i;
                        byte[] value = value(random);
                        tree.put(bytes(key), value);
                        acknowledged.put(key, value);
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            };
            writers.add(
                    t % 2 == 0
                            ? Thread.ofPlatform().start(work)
                            : Thread.ofVirtual().start(work));
        }
        for (Thread writer : writers) {
            writer.join(TimeUnit.MINUTES.toMillis(5));
        }
        return failures;
    }

    private static byte[] value(SplittableRandom random) {
        byte[] value = new byte[random.nextInt(50) == 0 ? 20_000 : VALUE];
        random.nextBytes(value);
        return value;
    }

    private static void checkAll(Pagebox store, Map<String, byte[]> acknowledged) {
        PageboxTree tree = store.tree("t");
        for (Map.Entry<String, byte[]> entry : acknowledged.entrySet()) {
            byte[] value = tree.get(bytes(entry.getKey()));
            if (!Arrays.equals(value, entry.getValue())) {
                assertThat(value).as("acknowledged put of %s", entry.getKey()).isEqualTo(entry.getValue());
            }
        }
    }

    /** Runs a command; returns null on success, else what went wrong. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return process.waitFor() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
