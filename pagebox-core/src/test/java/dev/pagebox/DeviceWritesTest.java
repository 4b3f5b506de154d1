/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.testing.SmallStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write counters by source add up to what the log and the page store wrote, each source where it belongs. */
class DeviceWritesTest {
    private static final int PAGE = SmallStores.PAGE_SIZE;

    @TempDir
    Path directory;

    private static PageboxOptions options() {
        return SmallStores.options(32)
                .checkpointWalSize(256L << 20)
                .checkpointInterval(Duration.ZERO)
                .walSegmentSize(1L << 20)
                .build();
    }

    private static byte[] key(int i) {
        return String.format("key-%08d", i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachSourceIsCountedWhereItsBytesGo() {
        try (Pagebox store = Pagebox.open(directory, options())) {
            PageboxTree tree = store.tree("t");
            PageboxStats.DeviceWrites start = store.stats().writes();

            byte[] value = new byte[100];
            for (int i = 0; i < 20_000; i++) { // about 60 pages of leaves in a pool of 32 frames
                tree.put(key(i), value, CommitMode.NONE);
            }
            PageboxStats.DeviceWrites loaded = store.stats().writes();
            assertThat(loaded.evictionWriteBytes() - start.evictionWriteBytes())
                    .as("a tree larger than the pool writes pages back to free frames")
                    .isPositive()
                    .matches(bytes -> bytes % PAGE == 0, "whole pages");
            assertThat(loaded.logBytesByRecordType()).containsKeys("put", "split");

            store.checkpoint();
            PageboxStats.DeviceWrites checkpointed = store.stats().writes();
            assertThat(checkpointed.checkpointWriteBytes()).isPositive();
            assertThat(checkpointed.metadataBytes())
                    .as("a header copy and a free-space snapshot")
                    .isGreaterThan(loaded.metadataBytes());

            tree.put(key(7), new byte[] {1}, CommitMode.STRICT);
            PageboxStats.DeviceWrites imaged = store.stats().writes();
            assertThat(imaged.logImageBytes() - checkpointed.logImageBytes())
                    .as("the first change to a page after a checkpoint logs its image")
                    .isGreaterThanOrEqualTo(PAGE);
            assertThat(imaged.logBytesByRecordType().get("image")).isEqualTo(imaged.logImageBytes());

            tree.put(key(-1), new byte[10 * PAGE], CommitMode.STRICT);
            PageboxStats.DeviceWrites overflowed = store.stats().writes();
            assertThat(overflowed.overflowWriteBytes() - imaged.overflowWriteBytes())
                    .as("a 40 KiB value goes to overflow pages, not through the log")
                    .isGreaterThanOrEqualTo(10L * PAGE);
            assertThat(overflowed.logRecordBytes() - imaged.logRecordBytes()).isLessThan(PAGE);

            PageboxStats stats = store.stats();
            PageboxStats.DeviceWrites writes = stats.writes();
            long byType = writes.logBytesByRecordType().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(byType)
                    .as("every log byte has a type")
                    .isEqualTo(writes.logRecordBytes() + writes.logImageBytes())
                    .isEqualTo(stats.log().bytes());
            assertThat(writes.total())
                    .isEqualTo(Arrays.stream(new long[] {
                                writes.logRecordBytes(),
                                writes.logImageBytes(),
                                writes.logRewriteBytes(),
                                writes.logPreparationBytes(),
                                writes.evictionWriteBytes(),
                                writes.checkpointWriteBytes(),
                                writes.overflowWriteBytes(),
                                writes.otherPageBytes(),
                                writes.metadataBytes(),
                                writes.fileExtensionBytes()
                            })
                            .sum());
        }
    }
}
