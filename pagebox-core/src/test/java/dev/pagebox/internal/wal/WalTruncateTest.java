/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static dev.pagebox.internal.wal.WalTesting.Rec;
import static dev.pagebox.internal.wal.WalTesting.closeQuietly;
import static dev.pagebox.internal.wal.WalTesting.payload;
import static dev.pagebox.internal.wal.WalTesting.replayAll;
import static dev.pagebox.internal.wal.WalTesting.replayFrom;
import static dev.pagebox.internal.wal.WalTesting.segment;
import static dev.pagebox.internal.wal.WalTesting.segmentFiles;
import static dev.pagebox.internal.wal.WalTesting.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pagebox.CommitMode;
import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.CrashMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTruncateTest {
    private static final long SEGMENT = 16 * 1024;

    @TempDir
    Path directory;

    private static List<Rec> append(Wal wal, Random random, int count, CommitMode mode) {
        List<Rec> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = payload(random.nextLong(), 100 + random.nextInt(900));
            appended.add(new Rec(wal.append(3, segment(bytes), mode), 3, bytes));
        }
        return appended;
    }

    private static int indexAtOrAfter(List<Rec> records, long lsn) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).lsn() >= lsn) {
                return i;
            }
        }
        throw new AssertionError("no record at or after " + lsn);
    }

    private static long start(Path file) {
        return SegmentFiles.startOf(file).orElseThrow();
    }

    @Test
    void replayAfterTruncateStartsAtTheCheckpointAndOldSegmentsAreGoneOrRecycled() throws IOException {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(3);
        WalConfig config = smallConfig(directory, files);
        Random random = new Random(3);
        List<Rec> all = new ArrayList<>();
        Wal wal = Wal.open(config);
        all.addAll(append(wal, random, 200, CommitMode.NONE));
        all.addAll(WalTesting.appendUntilSpareIsDue(wal, SEGMENT, 0));
        long nextSegment = wal.endLsn() / SEGMENT * SEGMENT + SEGMENT;
        await().atMost(Duration.ofSeconds(30))
                .alias("the spare is prepared in the background")
                .until(() -> segmentFiles(directory).stream().anyMatch(file -> start(file) == nextSegment));
        Rec checkpoint = all.get(120);
        long checkpointSegment = checkpoint.lsn() / SEGMENT * SEGMENT;
        assertThat(checkpointSegment).isGreaterThanOrEqualTo(3 * SEGMENT);

        wal.truncateBefore(checkpoint.lsn());

        assertThat(wal.firstLsn()).isEqualTo(checkpointSegment);
        assertThat(replayFrom(wal, checkpoint.lsn())).containsExactlyElementsOf(all.subList(120, all.size()));
        int firstKept = indexAtOrAfter(all, checkpointSegment);
        assertThat(replayAll(wal)).containsExactlyElementsOf(all.subList(firstKept, all.size()));
        assertThatThrownBy(() -> wal.replay(all.get(0).lsn(), (l, t, p) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
        long tailEnd = wal.endLsn() / SEGMENT * SEGMENT + SEGMENT;
        List<Path> remaining = segmentFiles(directory);
        assertThat(remaining).allMatch(file -> start(file) >= checkpointSegment);
        List<Path> spares = remaining.stream().filter(f -> start(f) >= tailEnd).toList();
        assertThat(spares)
                .as("the pre-allocated spare and one recycled segment")
                .hasSize(SegmentFiles.MAX_SPARES);

        // Appends fill the recycled files; their stale records must never show up.
        all.addAll(append(wal, random, 150, CommitMode.STRICT));
        assertThat(replayFrom(wal, checkpoint.lsn())).containsExactlyElementsOf(all.subList(120, all.size()));

        // A crash inside a recycled segment: the stale bytes after the end are no torn tail.
        files.crash(CrashMode.KEEP_ALL);
        closeQuietly(wal);
        try (Wal reopened = Wal.open(config)) {
            ReplayResult result = reopened.replay(checkpoint.lsn(), (l, t, p) -> {});
            assertThat(result.tailCut()).isFalse();
            assertThat(replayFrom(reopened, checkpoint.lsn())).containsExactlyElementsOf(all.subList(120, all.size()));
            assertThat(reopened.firstLsn()).isEqualTo(checkpointSegment);
        }
    }

    @Test
    void aClosedLogKeepsOnlyItsLiveSegmentsOnDisk() throws IOException {
        WalConfig config = smallConfig(directory, dev.pagebox.FileChannelFactory.DEFAULT);
        Random random = new Random(4);
        List<Rec> all = new ArrayList<>();
        long firstLive;
        try (Wal wal = Wal.open(config)) {
            all.addAll(append(wal, random, 200, CommitMode.STRICT));
            all.addAll(WalTesting.appendUntilSpareIsDue(wal, SEGMENT, 0));
            wal.truncateBefore(all.get(150).lsn());
            firstLive = wal.firstLsn();
            long tailEnd = wal.endLsn() / SEGMENT * SEGMENT + SEGMENT;
            await().atMost(Duration.ofSeconds(30))
                    .alias("a spare while open")
                    .until(() -> segmentFiles(directory).stream().anyMatch(file -> start(file) >= tailEnd));
        }
        try (Wal reopened = Wal.open(config)) {
            long end = reopened.endLsn();
            assertThat(segmentFiles(directory))
                    .as("live segments only: from the first live one to the one the log ends in")
                    .isNotEmpty()
                    .allMatch(file -> start(file) >= firstLive && start(file) <= end);
            assertThat(replayFrom(reopened, all.get(150).lsn()))
                    .containsExactlyElementsOf(all.subList(150, all.size()));
            all.addAll(append(reopened, random, 100, CommitMode.STRICT));
            assertThat(replayFrom(reopened, all.get(150).lsn()))
                    .containsExactlyElementsOf(all.subList(150, all.size()));
        }
    }

    @Test
    void truncationRefusesToDropWhatIsNotDurable() {
        try (Wal wal = Wal.open(smallConfig(directory, dev.pagebox.FileChannelFactory.DEFAULT))) {
            long lsn = wal.append(1, segment(new byte[100]), CommitMode.NONE);
            assertThatThrownBy(() -> wal.truncateBefore(lsn + 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("durable");
            wal.flushAll();
            wal.truncateBefore(wal.durableLsn());
            assertThat(replayAll(wal)).hasSize(1);
        }
    }
}
