/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static dev.pagebox.internal.wal.WalTesting.Rec;
import static dev.pagebox.internal.wal.WalTesting.closeQuietly;
import static dev.pagebox.internal.wal.WalTesting.payload;
import static dev.pagebox.internal.wal.WalTesting.replayAll;
import static dev.pagebox.internal.wal.WalTesting.segment;
import static dev.pagebox.internal.wal.WalTesting.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import dev.pagebox.CorruptStoreException;
import dev.pagebox.FileChannelFactory;
import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.CrashMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torn tails are cut and reported; damage below a proven durable LSN is corruption. */
class WalRecoveryTest {
    @TempDir
    Path root;

    /** Appends STRICT records, then kills the "process" (no clean close, so no shutdown record). */
    private List<Rec> appendAndKill(Path directory, int count, int lastLength) throws IOException {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(1);
        List<Rec> appended = new ArrayList<>();
        Wal wal = Wal.open(smallConfig(directory, files));
        Random random = new Random(7);
        for (int i = 0; i < count; i++) {
            byte[] bytes = payload(i, i == count - 1 ? lastLength : 50 + random.nextInt(450));
            appended.add(new Rec(wal.append(i % 256, segment(bytes), CommitMode.STRICT), i % 256, bytes));
        }
        files.crash(CrashMode.KEEP_ALL);
        closeQuietly(wal);
        return appended;
    }

    private static void modify(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static byte[] read(Path file, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.read(buffer, offset);
            return buffer.array();
        }
    }

    @Test
    void tornTailAtEveryBytePositionIsCutReportedAndOverwritten() throws IOException {
        Path pristine = root.resolve("pristine");
        List<Rec> appended = appendAndKill(pristine, 12, 41);
        Rec last = appended.getLast();
        List<Rec> before = appended.subList(0, appended.size() - 1);
        // Every byte of the record proper; the zero padding after it carries nothing that could be torn.
        int recordSize = WalRecordLayout.HEADER_SIZE + last.payload().length;
        Path segmentName = Path.of(SegmentFiles.fileName(0));
        byte[] lastBytes = read(pristine.resolve(segmentName), last.lsn(), recordSize);

        for (int written = 0; written < recordSize; written++) {
            Path directory = root.resolve("case-" + written);
            WalTesting.copyDirectory(pristine, directory);
            Path file = directory.resolve(segmentName);
            modify(file, last.lsn() + written, new byte[recordSize - written]);
            boolean anyByteWritten = false;
            for (int i = 0; i < written; i++) {
                anyByteWritten |= lastBytes[i] != 0;
            }
            String description = "record written up to byte " + written;
            WalConfig config = smallConfig(directory, FileChannelFactory.DEFAULT);
            List<Rec> expected = new ArrayList<>(before);
            try (Wal wal = Wal.open(config)) {
                ReplayResult result = wal.replay(wal.firstLsn(), (lsn, type, payload) -> {});
                assertThat(replayAll(wal)).as(description).containsExactlyElementsOf(before);
                assertThat(result.endLsn()).as(description).isEqualTo(last.lsn());
                assertThat(result.tailCut()).as(description).isEqualTo(anyByteWritten);
                for (int i = 0; i < 3; i++) {
                    byte[] bytes = payload(1000 + i, 10 + 30 * i);
                    expected.add(new Rec(wal.append(9, segment(bytes), CommitMode.STRICT), 9, bytes));
                }
                assertThat(expected.get(before.size()).lsn()).as(description).isEqualTo(last.lsn());
            }
            try (Wal wal = Wal.open(config)) {
                assertThat(replayAll(wal)).as(description).containsExactlyElementsOf(expected);
                assertThat(wal.replay(wal.endLsn(), (l, t, p) -> {}).tailCut())
                        .as(description + ", reopened after a clean close")
                        .isFalse();
            }
            WalTesting.deleteDirectory(directory);
        }
    }

    @Test
    void segmentFileCutShortAnywhereIsCorruptionNamingTheFileAndOffset() throws IOException {
        // Segments are created at full size, so a short file is damage, never a crash: the bytes cut off may
        // have held acknowledged records, and cutting the log there would bring back older values silently.
        Path pristine = root.resolve("pristine");
        List<Rec> appended = appendAndKill(pristine, 12, 41);
        Path segmentName = Path.of(SegmentFiles.fileName(0));
        long logEnd = appended.getLast().lsn() + 24 + appended.getLast().payload().length;
        for (long size : new long[] {0, 8, 100, appended.getLast().lsn(), logEnd - 1, logEnd, logEnd + 4096}) {
            Path directory = root.resolve("cut-" + size);
            WalTesting.copyDirectory(pristine, directory);
            Path file = directory.resolve(segmentName);
            truncate(file, size);
            WalConfig config = smallConfig(directory, FileChannelFactory.DEFAULT);
            // As a store opens it: needing the log from its checkpoint (here the first record).
            var open = assertThatThrownBy(
                            () -> Wal.open(config, appended.getFirst().lsn()).close())
                    .as("file cut to %d bytes", size)
                    .isInstanceOf(CorruptStoreException.class)
                    .hasMessageContaining(file.toString());
            if (size >= WalRecordLayout.SEGMENT_START_SIZE) {
                open.hasMessageContaining("ends at offset " + size);
            }
            WalTesting.deleteDirectory(directory);
        }
    }

    @Test
    void damagedRecordInTheTailSegmentFollowedByDurableRecordsIsCorruption() throws IOException {
        Path directory = root.resolve("tail");
        List<Rec> appended = appendAndKill(directory, 12, 100);
        Rec victim = appended.get(5);
        Path file = directory.resolve(SegmentFiles.fileName(0));
        modify(file, victim.lsn() + WalRecordLayout.HEADER_SIZE + 3, new byte[] {(byte) ~victim.payload()[3]});

        assertThatThrownBy(() -> Wal.open(smallConfig(directory, FileChannelFactory.DEFAULT)))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("unreadable at LSN " + victim.lsn())
                .hasMessageContaining("proves that the log was durable");
    }

    @Test
    void damagedLastRecordBeforeACleanShutdownIsCorruption() throws IOException {
        Path directory = root.resolve("shutdown");
        Rec last;
        try (Wal wal = Wal.open(smallConfig(directory, FileChannelFactory.DEFAULT))) {
            for (int i = 0; i < 5; i++) {
                wal.append(1, segment(payload(i, 80)), CommitMode.NONE);
            }
            byte[] bytes = payload(99, 80);
            last = new Rec(wal.append(1, segment(bytes), CommitMode.NONE), 1, bytes);
        }
        modify(directory.resolve(SegmentFiles.fileName(0)), last.lsn() + 30, new byte[] {(byte) ~last.payload()[6]});

        assertThatThrownBy(() -> Wal.open(smallConfig(directory, FileChannelFactory.DEFAULT)))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("unreadable at LSN " + last.lsn());
    }

    @Test
    void damagedRecordInAnEarlierSegmentIsReportedByReplay() throws IOException {
        Path directory = root.resolve("earlier");
        List<Rec> appended = appendAndKill(directory, 200, 100);
        assertThat(appended.getLast().lsn()).isGreaterThan(3 * 16 * 1024);
        Rec victim = appended.get(10);
        assertThat(victim.lsn()).isLessThan(16 * 1024);
        modify(directory.resolve(SegmentFiles.fileName(0)), victim.lsn() + 12, new byte[] {1, 2, 3, 4});

        try (Wal wal = Wal.open(smallConfig(directory, FileChannelFactory.DEFAULT))) {
            List<Long> seen = new ArrayList<>();
            assertThatThrownBy(() -> wal.replay(wal.firstLsn(), (lsn, type, payload) -> seen.add(lsn)))
                    .isInstanceOf(CorruptStoreException.class)
                    .hasMessageContaining("record at LSN " + victim.lsn())
                    .hasMessageContaining("checksum");
            assertThat(seen)
                    .containsExactlyElementsOf(
                            appended.subList(0, 10).stream().map(Rec::lsn).toList());
            assertThat(WalTesting.replayFrom(wal, appended.get(11).lsn()))
                    .containsExactlyElementsOf(appended.subList(11, appended.size()));
        }
    }

    @Test
    void unsyncedWriteSpanningASegmentBoundaryTornInTheEarlierSegmentIsCut() throws IOException {
        Path directory = root.resolve("spanning");
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(5);
        WalConfig config = smallConfig(directory, files);
        List<Rec> appended = new ArrayList<>();
        Wal wal = Wal.open(config);
        for (int i = 0; i < 5; i++) {
            byte[] bytes = payload(i, 200);
            appended.add(new Rec(wal.append(1, segment(bytes), CommitMode.STRICT), 1, bytes));
        }
        // Unacknowledged records across the boundary; written (flushAll) as a crash-interrupted writeback would
        // have left them, before the damage below.
        while (appended.getLast().lsn() < 16 * 1024 + 4000) {
            byte[] bytes = payload(appended.size(), 1000);
            appended.add(new Rec(wal.append(2, segment(bytes), CommitMode.NONE), 2, bytes));
        }
        wal.flushAll();
        files.crash(CrashMode.KEEP_ALL);
        closeQuietly(wal);
        int lost = 0;
        while (appended.get(lost + 1).lsn() < 16 * 1024 - 2000) {
            lost++;
        }
        Rec torn = appended.get(lost);
        assertThat(torn.type()).isEqualTo(2);
        modify(directory.resolve(SegmentFiles.fileName(0)), torn.lsn(), new byte[512]);

        List<Rec> expected = new ArrayList<>(appended.subList(0, lost));
        try (Wal reopened = Wal.open(smallConfig(directory, FileChannelFactory.DEFAULT))) {
            ReplayResult result = reopened.replay(reopened.firstLsn(), (l, t, p) -> {});
            assertThat(result.tailCut()).isTrue();
            assertThat(result.endLsn()).isEqualTo(torn.lsn());
            assertThat(result.tailDetail()).contains("discarded");
            assertThat(replayAll(reopened)).containsExactlyElementsOf(expected);
            for (int i = 0; i < 30; i++) {
                byte[] bytes = payload(500 + i, 700);
                expected.add(new Rec(reopened.append(3, segment(bytes), CommitMode.STRICT), 3, bytes));
            }
        }
        try (Wal reopened = Wal.open(smallConfig(directory, FileChannelFactory.DEFAULT))) {
            assertThat(replayAll(reopened)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void damageBeforeASegmentBoundaryFollowedByDurableRecordsIsCorruption() throws IOException {
        Path directory = root.resolve("boundary");
        List<Rec> appended = appendAndKill(directory, 80, 100);
        int victim = 0;
        while (appended.get(victim + 1).lsn() < 16 * 1024) {
            victim++;
        }
        Rec last = appended.get(victim);
        modify(directory.resolve(SegmentFiles.fileName(0)), last.lsn() + 40, new byte[] {(byte) ~last.payload()[16]});

        assertThatThrownBy(() -> Wal.open(smallConfig(directory, FileChannelFactory.DEFAULT)))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("unreadable at LSN " + last.lsn());
    }

    @Test
    void segmentOfAnotherStoreIsRejected() {
        Path directory = root.resolve("foreign");
        try (Wal wal = Wal.open(smallConfig(directory, FileChannelFactory.DEFAULT))) {
            wal.append(1, segment(new byte[10]), CommitMode.STRICT);
        }
        WalConfig other = new WalConfig(
                directory,
                FileChannelFactory.DEFAULT,
                16 * 1024,
                16 * 1024,
                dev.pagebox.SyncBackend.FDATASYNC,
                java.time.Duration.ofMillis(5),
                12345);
        assertThatThrownBy(() -> Wal.open(other))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("belongs to store");
    }
}
