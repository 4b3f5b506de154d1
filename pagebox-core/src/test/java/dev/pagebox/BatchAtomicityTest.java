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
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch is whole or absent wherever a checkpoint and a power loss fall between its steps. The fault-injecting
 * file system runs a checkpoint at an exact point inside a batch (when a step writes an overflow value, which
 * syncs the data file) and then cuts the power; the store is reopened and the batch checked.
 */
class BatchAtomicityTest {
    private static final int SEGMENT = 1 << 20;

    @TempDir
    Path directory;

    private final FaultInjectingFileSystem files = new FaultInjectingFileSystem(16);

    private PageboxOptions options() {
        return SmallStores.options(64)
                .channels(files)
                .walSegmentSize(SEGMENT)
                .checkpointWalSize(64L << 20)
                .build();
    }

    @Test
    void aCheckpointBetweenTheStepsOfABatchThenAPowerLossLeavesTheBatchWhole() {
        try (Pagebox store = Pagebox.open(directory, options())) {
            seed(store);
            runBatchInterruptedByCheckpointAndPowerLoss(store);
        }
        checkBatchWhole();
    }

    @Test
    void aBatchWhoseStepsFollowASegmentSwitchSurvivesACheckpointThatDropsOldSegments() {
        try (Pagebox store = Pagebox.open(directory, options())) {
            seed(store);
            // Fill the log until the batch record just fits in the current segment and its first step's record
            // does not: the steps then go to the next segment, and a checkpoint between them that took the log's
            // end as its redo point would delete the segment holding the batch record.
            long batchRecord = 24 + batchPayloadBytes();
            PageboxTree fill = store.tree("fill");
            for (int i = 0; ; i++) {
                long left = SEGMENT - store.stats().log().endLsn() % SEGMENT;
                if (left >= batchRecord + 8 && left < batchRecord + 600) {
                    break;
                }
                fill.put(bytes("fill" + i), new byte[40], CommitMode.NONE);
            }
            long segmentBefore = store.stats().log().endLsn() / SEGMENT;
            runBatchInterruptedByCheckpointAndPowerLoss(store);
            assertThat(segmentBefore).isLessThan(lastSegmentSeen);
        }
        checkBatchWhole();
    }

    private long lastSegmentSeen;

    /** Three trees with keys the batch will change, durable before the batch starts. */
    private static void seed(Pagebox store) {
        for (String name : new String[] {"a", "b", "c"}) {
            PageboxTree tree = store.tree(name);
            for (int i = 0; i < 50; i++) {
                tree.put(bytes(name + i), bytes("old-" + name + i));
            }
        }
        store.checkpoint();
    }

    private static WriteBatch batch(Pagebox store) {
        return new WriteBatch()
                .put(store.tree("a"), bytes("a1"), new byte[900]) // inline, the largest step record
                .put(store.tree("b"), bytes("b2"), overflowValue()) // syncs the data file: the checkpoint falls here
                .delete(store.tree("a"), bytes("a3"))
                .put(store.tree("c"), bytes("c4"), bytes("new-c4"));
    }

    private static long batchPayloadBytes() {
        // count + per step: treeId, kind, key length, key, value length, value (BatchRecord's layout)
        return 4 + (11 + 2 + 900) + (11 + 2 + overflowValue().length) + (11 + 2) + (11 + 2 + 6);
    }

    private static byte[] overflowValue() {
        byte[] value = new byte[20_000];
        new SplittableRandom(7).nextBytes(value);
        return value;
    }

    private void runBatchInterruptedByCheckpointAndPowerLoss(Pagebox store) {
        long checkpointsBefore = store.stats().checkpoints().count();
        AtomicBoolean armed = new AtomicBoolean(true);
        files.before(Operation.FORCE, path -> path.getFileName().toString().equals("pagebox.pages"), () -> {
            if (!armed.compareAndSet(true, false)) {
                return;
            }
            // Step 0 is applied, step 1 is writing its overflow value: checkpoint now, from another thread as the
            // background checkpointer would, then cut the power.
            lastSegmentSeen = store.stats().log().endLsn() / SEGMENT;
            Thread checkpoint = Thread.ofPlatform().start(store::checkpoint);
            try {
                checkpoint.join();
                files.crash(CrashMode.DROP_UNSYNCED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThatThrownBy(() -> store.write(batch(store), CommitMode.STRICT))
                .as("the power went out during the batch")
                .isInstanceOf(PageboxException.class);
        assertThat(armed).as("the checkpoint ran inside the batch").isFalse();
        assertThat(store.stats().checkpoints().count()).isGreaterThan(checkpointsBefore);
        files.clearFaults();
        catchThrowable(store::close); // releases memory and the lock; the files are as the power loss left them
    }

    private void checkBatchWhole() {
        try (Pagebox store = Pagebox.open(directory, options())) {
            byte[] a1 = store.tree("a").get(bytes("a1"));
            boolean whole = Arrays.equals(a1, new byte[900])
                    && Arrays.equals(store.tree("b").get(bytes("b2")), overflowValue())
                    && store.tree("a").get(bytes("a3")) == null
                    && Arrays.equals(store.tree("c").get(bytes("c4")), bytes("new-c4"));
            boolean absent = Arrays.equals(a1, bytes("old-a1"))
                    && Arrays.equals(store.tree("b").get(bytes("b2")), bytes("old-b2"))
                    && Arrays.equals(store.tree("a").get(bytes("a3")), bytes("old-a3"))
                    && Arrays.equals(store.tree("c").get(bytes("c4")), bytes("old-c4"));
            assertThat(whole || absent)
                    .as("the batch is whole or absent; a1=%s", a1 == null ? null : a1.length)
                    .isTrue();
            // The checkpoint made the batch record durable, so recovery finishes the batch.
            assertThat(whole).as("the batch record was durable").isTrue();
            for (String name : new String[] {"a", "b", "c"}) {
                for (int i = 5; i < 50; i++) {
                    assertThat(store.tree(name).get(bytes(name + i))).isEqualTo(bytes("old-" + name + i));
                }
            }
        }
        VerifyReport report = Pagebox.verify(
                directory,
                options().toBuilder().channels(FileChannelFactory.DEFAULT).build());
        assertThat(report.problems()).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
