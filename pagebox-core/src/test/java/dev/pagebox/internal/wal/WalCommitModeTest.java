/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static dev.pagebox.internal.wal.WalTesting.Rec;
import static dev.pagebox.internal.wal.WalTesting.await;
import static dev.pagebox.internal.wal.WalTesting.closeQuietly;
import static dev.pagebox.internal.wal.WalTesting.payload;
import static dev.pagebox.internal.wal.WalTesting.replayAll;
import static dev.pagebox.internal.wal.WalTesting.segment;
import static dev.pagebox.internal.wal.WalTesting.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.CrashMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WalCommitModeTest {
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void relaxedRecordsReturnAtOnceAndBecomeDurableWithinTheFlushIntervalWithoutAFlush() {
        GatedFileSystem gate = new GatedFileSystem();
        WalConfig config = smallConfig(directory, gate).withFlushInterval(Duration.ofMillis(20));
        try (Wal wal = Wal.open(config)) {
            wal.append(1, segment(new byte[10]), CommitMode.STRICT); // creates the segment before the gate closes
            gate.closeForces();
            long syncsBefore = wal.stats().syncs();
            long lsn = wal.append(1, segment(payload(1, 100)), CommitMode.RELAXED);
            assertThat(wal.durableLsn()).as("returned before it was durable").isLessThanOrEqualTo(lsn);

            await("the flusher tries to sync the RELAXED record", () -> gate.blocked() > 0);
            gate.openAll();
            assertThat(wal.awaitDurable(lsn, GENEROUS)).isTrue();
            assertThat(wal.durableLsn()).isGreaterThan(lsn);
            assertThat(wal.stats().syncs()).isGreaterThan(syncsBefore);

            // Without any gate: a burst of RELAXED records becomes durable by itself.
            long last = 0;
            for (int i = 0; i < 50; i++) {
                last = wal.append(2, segment(payload(i, 200)), CommitMode.RELAXED);
            }
            assertThat(wal.awaitDurable(last, GENEROUS)).isTrue();
        }
    }

    @Test
    void noneRecordsAreNotSyncedUntilAFlush() throws Exception {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(4);
        WalConfig config = smallConfig(directory, files);
        List<Rec> synced = new ArrayList<>();
        Wal wal = Wal.open(config);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = payload(i, 100);
            synced.add(new Rec(wal.append(1, segment(bytes), CommitMode.NONE), 1, bytes));
        }
        wal.flushAll();
        assertThat(wal.durableLsn()).isEqualTo(wal.endLsn());
        long forces = files.forces();
        for (int i = 0; i < 20; i++) {
            wal.append(1, segment(payload(100 + i, 100)), CommitMode.NONE);
        }
        assertThat(files.forces()).as("NONE appends do not sync").isEqualTo(forces);
        files.crash(CrashMode.DROP_UNSYNCED);
        closeQuietly(wal);
        try (Wal reopened = Wal.open(config)) {
            assertThat(replayAll(reopened)).containsExactlyElementsOf(synced);
        }
    }

    @Test
    void oneSyncServesEveryStrictWriterItCovers() throws Exception {
        GatedFileSystem gate = new GatedFileSystem();
        WalConfig config = smallConfig(directory, gate).withSegmentSize(1024 * 1024);
        try (Wal wal = Wal.open(config)) {
            wal.append(1, segment(new byte[10]), CommitMode.STRICT);
            long start = wal.endLsn();
            long syncsBefore = wal.stats().syncs();
            gate.closeForces();
            int writers = 32;
            int recordSize = WalRecordLayout.recordSize(100);
            List<Future<Long>> appends = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < writers; i++) {
                    appends.add(threads.submit(() -> wal.append(3, segment(new byte[100]), CommitMode.STRICT)));
                }
                await("every writer has reserved its record", () -> wal.endLsn() == start + writers * recordSize);
                await("the flusher is stuck in its first sync", () -> gate.blocked() > 0);
                gate.openAll();
            }
            List<Long> lsns = new ArrayList<>();
            for (Future<Long> append : appends) {
                lsns.add(append.get());
            }
            assertThat(wal.durableLsn()).isGreaterThan(Collections.max(lsns));
            WalStats stats = wal.stats();
            assertThat(stats.syncs() - syncsBefore)
                    .as("the blocked sync and at most one more for everybody who came later")
                    .isLessThanOrEqualTo(2);
            assertThat(stats.groupSize().countAtLeastBucketOf(writers / 2))
                    .as("one sync made at least half the writers durable")
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void writersWaitWhenTheBufferIsFullAndNothingIsLost() throws Exception {
        GatedFileSystem gate = new GatedFileSystem();
        WalConfig config = smallConfig(directory, gate).withSegmentSize(1024 * 1024);
        List<Rec> appended = Collections.synchronizedList(new ArrayList<>());
        try (Wal wal = Wal.open(config)) {
            wal.append(1, segment(new byte[10]), CommitMode.STRICT);
            appended.addAll(replayAll(wal));
            gate.closeWrites();
            int count = 3 * config.bufferSize() / 1024;
            Thread writer = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < count; i++) {
                    byte[] bytes = payload(i, 1000);
                    appended.add(new Rec(wal.append(7, segment(bytes), CommitMode.NONE), 7, bytes));
                }
            });
            await("the writer waits for space", () -> wal.stats().spaceWaits() > 0);
            assertThat(writer.isAlive())
                    .as("three buffers' worth cannot be appended while nothing is written")
                    .isTrue();
            assertThat(wal.endLsn() - wal.durableLsn()).isLessThanOrEqualTo(config.bufferSize());
            gate.openAll();
            writer.join();
            assertThat(replayAll(wal)).containsExactlyElementsOf(appended);
        }
    }
}
