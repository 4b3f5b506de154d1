/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static dev.pagebox.internal.wal.WalTesting.Rec;
import static dev.pagebox.internal.wal.WalTesting.payload;
import static dev.pagebox.internal.wal.WalTesting.replayAll;
import static dev.pagebox.internal.wal.WalTesting.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pagebox.CommitMode;
import dev.pagebox.FileChannelFactory;
import dev.pagebox.SyncBackend;
import dev.pagebox.internal.nativeio.DirectIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every sync backend round-trips records on the real file system, partial tail blocks included. */
class WalSyncBackendTest {
    @TempDir
    Path directory;

    /** Whether the temporary directory's file system accepts O_DIRECT writes (tmpfs before Linux 6.6 does not). */
    private boolean directIoWorks() {
        if (DirectIo.openOption().isEmpty()) {
            return false;
        }
        Path probe = directory.resolve("probe");
        try (FileChannel channel = FileChannel.open(
                probe,
                Set.of(
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        DirectIo.openOption().get()))) {
            ByteBuffer block =
                    ByteBuffer.allocateDirect(2 * 4096).alignedSlice(4096).limit(4096);
            channel.write(block, 0);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SyncBackend.class)
    void recordsRoundTripAcrossFlushesSegmentsAndReopens(SyncBackend backend) {
        if (backend == SyncBackend.DIRECT) {
            assumeTrue(directIoWorks(), "the file system of " + directory + " rejects O_DIRECT");
        }
        WalConfig config = new WalConfig(
                directory.resolve("wal"),
                FileChannelFactory.DEFAULT,
                32 * 1024,
                16 * 1024,
                backend,
                Duration.ofMillis(2),
                WalTesting.STORE_ID);
        Random random = new Random(backend.ordinal());
        List<Rec> appended = new ArrayList<>();
        for (int session = 0; session < 3; session++) {
            try (Wal wal = Wal.open(config)) {
                assertThat(replayAll(wal)).containsExactlyElementsOf(appended);
                assertThat(wal.replay(wal.endLsn(), (l, t, p) -> {}).tailCut())
                        .as("a clean close leaves no torn tail")
                        .isFalse();
                // Small flushes leave a partial block each time; the next flush rewrites it.
                for (int flush = 0; flush < 60; flush++) {
                    int records = 1 + random.nextInt(4);
                    for (int i = 0; i < records; i++) {
                        byte[] bytes = payload(random.nextLong(), random.nextInt(700));
                        CommitMode mode = i == records - 1 ? CommitMode.STRICT : CommitMode.NONE;
                        int type = random.nextInt(256);
                        appended.add(new Rec(wal.append(type, segment(bytes), mode), type, bytes));
                    }
                }
                assertThat(replayAll(wal)).containsExactlyElementsOf(appended);
                assertThat(wal.stats().syncs()).isGreaterThanOrEqualTo(60);
            }
        }
        assertThat(appended.getLast().lsn()).as("several segments").isGreaterThan(3 * 32 * 1024);
    }
}
