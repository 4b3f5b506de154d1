/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.CrashMode;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import dev.pagebox.testing.SmallStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps of a batch are logged without their keys and values (the batch's own record holds them), and redo
 * reads them there: batches of puts (inline and overflow values), replacements and deletes in several trees,
 * durable in the log but never written to the data file, come back exactly after a power loss.
 */
class BatchRedoTest {
    @TempDir
    Path directory;

    private final FaultInjectingFileSystem files = new FaultInjectingFileSystem(23);

    private PageboxOptions options() {
        return SmallStores.options(256)
                .channels(files)
                .walSegmentSize(1L << 20)
                .checkpointWalSize(256L << 20)
                .checkpointInterval(Duration.ZERO)
                .build();
    }

    @Test
    void batchesDurableOnlyInTheLogAreRedoneFromTheirRecords() throws Exception {
        Map<String, Map<String, byte[]>> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(5);
        long stepRecordBytes;
        long batchRecordBytes;
        try (Pagebox store = Pagebox.open(directory, options())) {
            for (String tree : new String[] {"a", "b"}) {
                store.tree(tree);
                model.put(tree, new HashMap<>());
            }
            store.checkpoint(); // from here on, nothing but the log holds the batches
            PageboxStats.DeviceWrites before = store.stats().writes();
            for (int batch = 0; batch < 60; batch++) {
                WriteBatch writes = new WriteBatch();
                for (int step = 0; step < 40; step++) {
                    String treeName = random.nextBoolean() ? "a" : "b";
                    String key = "k" + random.nextInt(600);
                    if (random.nextInt(8) == 0) {
                        writes.delete(store.tree(treeName), bytes(key));
                        model.get(treeName).remove(key);
                    } else {
                        byte[] value = new byte[random.nextInt(20) == 0 ? 9_000 : 1 + random.nextInt(200)];
                        random.nextBytes(value);
                        writes.put(store.tree(treeName), bytes(key), value);
                        model.get(treeName).put(key, value);
                    }
                }
                writes.setUserMeta(1, batch);
                store.write(writes, CommitMode.STRICT);
            }
            PageboxStats.DeviceWrites after = store.stats().writes();
            stepRecordBytes = bytesOf(after, before, "batch-put") + bytesOf(after, before, "batch-delete");
            batchRecordBytes = bytesOf(after, before, "batch");
            assertThat(bytesOf(after, before, "put"))
                    .as("no step logs a plain put")
                    .isZero();
            files.crash(CrashMode.DROP_UNSYNCED);
            catchThrowable(store::close);
        }
        assertThat(stepRecordBytes)
                .as("the step records are small: their keys and values are in the batch records")
                .isPositive()
                .isLessThan(batchRecordBytes / 3);

        files.clearFaults();
        try (Pagebox store = Pagebox.open(directory, options())) {
            assertThat(store.recovery().recordsReplayed()).isGreaterThan(60 * 40);
            for (Map.Entry<String, Map<String, byte[]>> tree : model.entrySet()) {
                PageboxTree opened = store.tree(tree.getKey());
                assertThat(opened.count()).isEqualTo(tree.getValue().size());
                tree.getValue().forEach((key, value) -> assertThat(opened.get(bytes(key)))
                        .as("%s/%s", tree.getKey(), key)
                        .isEqualTo(value));
            }
            assertThat(store.userMeta(1)).isEqualTo(59);
        }
        assertThat(Pagebox.verify(directory, options()).problems()).isEmpty();
    }

    /**
     * Batch A's record lies before a checkpoint's redo point and one of its steps after it: batch B, in progress,
     * opened its hold between the two and lowered the redo point below A's step. Recovery meets A's step without
     * A's record; the checkpoint wrote the step's page, so redo skips it, and B is finished from its record.
     */
    @Test
    void aStepWhoseBatchRecordLiesBeforeTheRedoPointIsSkippedSinceItsPageIsNewer() throws Exception {
        byte[] overflowA = new byte[9_000];
        byte[] overflowB = new byte[9_500];
        new SplittableRandom(3).nextBytes(overflowA);
        new SplittableRandom(4).nextBytes(overflowB);
        try (Pagebox store = Pagebox.open(directory, options())) {
            PageboxTree tree = store.tree("t");
            store.checkpoint();
            CountDownLatch bPaused = new CountDownLatch(1);
            CountDownLatch releaseB = new CountDownLatch(1);
            AtomicInteger forces = new AtomicInteger();
            // Overflow values sync the data file: A's second step syncs first, B's first step second.
            files.before(Operation.FORCE, path -> path.getFileName().toString().equals("pagebox.pages"), () -> {
                int force = forces.incrementAndGet();
                if (force == 1) { // A is between its record and its second step: B starts now and pauses
                    Thread.ofPlatform()
                            .start(() -> store.write(
                                    new WriteBatch()
                                            .put(tree, bytes("b1"), overflowB)
                                            .put(tree, bytes("b2"), bytes("v")),
                                    CommitMode.NONE));
                    await(bPaused);
                } else if (force == 2) {
                    bPaused.countDown();
                    await(releaseB);
                }
            });
            store.write(
                    new WriteBatch()
                            .put(tree, bytes("a1"), bytes("v"))
                            .put(tree, bytes("a2"), overflowA)
                            .put(tree, bytes("a3"), bytes("v")),
                    CommitMode.STRICT);
            store.checkpoint(); // B still holds the redo point below A's last steps
            files.crash(CrashMode.DROP_UNSYNCED);
            releaseB.countDown();
            catchThrowable(store::close);
        }
        files.clearFaults();
        try (Pagebox store = Pagebox.open(directory, options())) {
            PageboxTree tree = store.tree("t");
            assertThat(tree.get(bytes("a1"))).isEqualTo(bytes("v"));
            assertThat(tree.get(bytes("a2"))).isEqualTo(overflowA);
            assertThat(tree.get(bytes("a3"))).isEqualTo(bytes("v"));
            assertThat(tree.get(bytes("b2")))
                    .as("B's record was durable (the checkpoint flushed the log), so recovery finished B")
                    .isEqualTo(bytes("v"));
        }
        assertThat(Pagebox.verify(directory, options()).problems()).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other batch did not get there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long bytesOf(PageboxStats.DeviceWrites after, PageboxStats.DeviceWrites before, String type) {
        return after.logBytesByRecordType().getOrDefault(type, 0L)
                - before.logBytesByRecordType().getOrDefault(type, 0L);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
