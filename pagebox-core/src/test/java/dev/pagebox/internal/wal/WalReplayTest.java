/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static dev.pagebox.internal.wal.WalTesting.Rec;
import static dev.pagebox.internal.wal.WalTesting.payload;
import static dev.pagebox.internal.wal.WalTesting.replayAll;
import static dev.pagebox.internal.wal.WalTesting.replayFrom;
import static dev.pagebox.internal.wal.WalTesting.segment;
import static dev.pagebox.internal.wal.WalTesting.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import dev.pagebox.FileChannelFactory;
import dev.pagebox.PageboxClosedException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalReplayTest {
    @TempDir
    Path directory;

    private WalConfig config() {
        return smallConfig(directory, FileChannelFactory.DEFAULT);
    }

    /** Appends {@code count} records of random sizes (up to the maximum) with mixed modes and payload types. */
    private static List<Rec> appendRandom(Wal wal, Random random, int count) {
        List<Rec> appended = new ArrayList<>();
        CommitMode[] modes = CommitMode.values();
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(10) == 0 ? wal.maxPayloadSize() : random.nextInt(400);
            byte[] bytes = payload(random.nextLong(), length);
            int type = random.nextInt(256);
            CommitMode mode = modes[random.nextInt(modes.length)];
            long lsn = random.nextBoolean()
                    ? wal.append(type, segment(bytes), mode)
                    : wal.append(type, ByteBuffer.wrap(bytes), mode);
            appended.add(new Rec(lsn, type, bytes));
        }
        return appended;
    }

    @Test
    void replayReturnsExactlyTheAppendedRecordsInOrderAcrossSegments() {
        List<Rec> appended;
        try (Wal wal = Wal.open(config())) {
            appended = appendRandom(wal, new Random(1), 600);
            assertThat(replayAll(wal)).containsExactlyElementsOf(appended);
        }
        assertThat(WalTesting.segmentFiles(directory)).hasSizeGreaterThan(10);
        try (Wal wal = Wal.open(config())) {
            assertThat(replayAll(wal)).containsExactlyElementsOf(appended);
            ReplayResult result = wal.replay(wal.firstLsn(), (lsn, type, payload) -> {});
            assertThat(result.tailCut()).isFalse();
            assertThat(result.records()).isEqualTo(appended.size());
            assertThat(result.endLsn()).isEqualTo(wal.endLsn());
        }
    }

    @Test
    void lsnsAreBytePositionsAndGrowByTheAlignedRecordSize() {
        try (Wal wal = Wal.open(config())) {
            long first = wal.append(7, segment(new byte[5]), CommitMode.NONE);
            long second = wal.append(7, segment(new byte[8]), CommitMode.NONE);
            long third = wal.append(7, segment(new byte[0]), CommitMode.NONE);
            assertThat(first).isEqualTo(WalRecordLayout.SEGMENT_START_SIZE);
            assertThat(second - first).isEqualTo(32); // 24 + 5, padded to 8
            assertThat(third - second).isEqualTo(32); // 24 + 8
            assertThat(wal.endLsn()).isEqualTo(third + 24);
            assertThat(List.of(first, second, third)).allMatch(lsn -> lsn % 8 == 0);
        }
    }

    @Test
    void appendsAfterReopenContinueAtTheEndAndReplayFromAnyRecord() {
        Random random = new Random(2);
        List<Rec> appended = new ArrayList<>();
        for (int session = 0; session < 3; session++) {
            try (Wal wal = Wal.open(config())) {
                assertThat(wal.endLsn())
                        .isGreaterThanOrEqualTo(
                                appended.isEmpty() ? 0 : appended.getLast().lsn());
                appended.addAll(appendRandom(wal, random, 150));
            }
        }
        try (Wal wal = Wal.open(config())) {
            assertThat(replayAll(wal)).containsExactlyElementsOf(appended);
            for (int from : new int[] {1, 77, 300, 449}) {
                assertThat(replayFrom(wal, appended.get(from).lsn()))
                        .containsExactlyElementsOf(appended.subList(from, appended.size()));
            }
            assertThat(replayFrom(wal, wal.endLsn())).isEmpty();
        }
    }

    @Test
    void replayWhileOpenCoversEveryRecordAppendedSoFar() {
        try (Wal wal = Wal.open(config())) {
            List<Rec> appended = appendRandom(wal, new Random(3), 50);
            long end = wal.endLsn();
            appended.addAll(appendRandom(wal, new Random(4), 50));
            assertThat(replayAll(wal)).containsExactlyElementsOf(appended);
            assertThat(replayFrom(wal, end)).containsExactlyElementsOf(appended.subList(50, 100));
        }
    }

    @Test
    void rejectsBadArguments() {
        Wal wal = Wal.open(config());
        try {
            MemorySegment tooBig = segment(new byte[wal.maxPayloadSize() + 1]);
            assertThatThrownBy(() -> wal.append(1, tooBig, CommitMode.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maximum of " + wal.maxPayloadSize());
            assertThatThrownBy(() -> wal.append(256, segment(new byte[1]), CommitMode.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0..255");
            long lsn = wal.append(1, segment(new byte[100]), CommitMode.NONE);
            assertThatThrownBy(() -> wal.replay(lsn + 8, (l, t, p) -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no record starts there");
            assertThatThrownBy(() -> wal.flush(wal.endLsn())).isInstanceOf(IllegalArgumentException.class);
            wal.close();
            assertThatThrownBy(() -> wal.append(1, segment(new byte[1]), CommitMode.NONE))
                    .isInstanceOf(PageboxClosedException.class);
        } finally {
            wal.close();
        }
    }
}
