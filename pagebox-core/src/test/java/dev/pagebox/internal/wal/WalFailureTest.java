/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static dev.pagebox.internal.wal.WalTesting.Rec;
import static dev.pagebox.internal.wal.WalTesting.payload;
import static dev.pagebox.internal.wal.WalTesting.replayAll;
import static dev.pagebox.internal.wal.WalTesting.segment;
import static dev.pagebox.internal.wal.WalTesting.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pagebox.CommitMode;
import dev.pagebox.DiskFullException;
import dev.pagebox.FileChannelFactory;
import dev.pagebox.PageboxIoException;
import dev.pagebox.StoreFailedException;
import dev.pagebox.SyncBackend;
import dev.pagebox.internal.nativeio.DirectIo;
import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write or sync fences the log; nothing is retried; what was durable survives. */
class WalFailureTest {
    private static final Predicate<Path> SEGMENTS =
            path -> SegmentFiles.startOf(path).isPresent();

    @TempDir
    Path directory;

    private static List<Rec> appendStrict(Wal wal, int count, int seed) {
        List<Rec> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = payload(seed * 1000L + i, 300);
            appended.add(new Rec(wal.append(4, segment(bytes), CommitMode.STRICT), 4, bytes));
        }
        return appended;
    }

    private static void assertFenced(Wal wal, Class<? extends Throwable> cause) {
        assertThatThrownBy(() -> wal.append(1, segment(new byte[8]), CommitMode.NONE))
                .isInstanceOf(StoreFailedException.class)
                .hasCauseInstanceOf(cause);
        assertThatThrownBy(() -> wal.append(1, segment(new byte[8]), CommitMode.STRICT))
                .isInstanceOf(StoreFailedException.class);
        assertThatThrownBy(() -> wal.append(1, segment(new byte[8]), CommitMode.RELAXED))
                .isInstanceOf(StoreFailedException.class);
        assertThatThrownBy(wal::flushAll).isInstanceOf(StoreFailedException.class);
        assertThatThrownBy(() -> wal.flush(wal.endLsn() - 8)).isInstanceOf(StoreFailedException.class);
        assertThatThrownBy(() -> wal.awaitDurable(wal.endLsn() - 8, Duration.ofSeconds(30)))
                .isInstanceOf(StoreFailedException.class);
        assertThat(wal.failure()).containsInstanceOf(cause);
    }

    @Test
    void failedForceFencesTheLogEveryWaiterFailsAndNothingIsRetried() throws Exception {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(1);
        WalConfig config = smallConfig(directory, files);
        Wal wal = Wal.open(config);
        List<Rec> durable = appendStrict(wal, 10, 1);
        FaultInjectingFileSystem.Rule rule =
                files.failWhen(Operation.FORCE, SEGMENTS, FaultInjectingFileSystem.ioError());

        List<Future<Long>> waiters = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                waiters.add(threads.submit(() -> wal.append(5, segment(new byte[100]), CommitMode.STRICT)));
            }
        }
        for (Future<Long> waiter : waiters) {
            assertThatThrownBy(waiter::get)
                    .cause()
                    .isInstanceOf(StoreFailedException.class)
                    .hasMessageContaining("fenced")
                    .rootCause()
                    .hasMessage("Input/output error");
        }
        long failedForces = rule.hits();
        assertThat(failedForces).as("one fsync failed, and it was not retried").isEqualTo(1);

        assertFenced(wal, PageboxIoException.class);
        assertThatThrownBy(wal::close).isInstanceOf(StoreFailedException.class);
        // The rule sees every later sync of a segment file. (A spare being prepared when the log was fenced may
        // still be synced: it holds no record.)
        assertThat(rule.hits()).as("no segment synced after the failure").isEqualTo(failedForces);

        rule.remove();
        try (Wal reopened = Wal.open(config)) {
            assertThat(replayAll(reopened)).startsWith(durable.toArray(Rec[]::new));
        }
    }

    @Test
    void diskFullOnWriteStallsTheLogUntilThereIsRoomAndLosesNothingDurable() {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(2);
        WalConfig config = smallConfig(directory, files);
        Wal wal = Wal.open(config);
        List<Rec> durable = appendStrict(wal, 10, 2);
        files.diskFullAfter(0);

        assertThatThrownBy(() -> wal.append(1, segment(new byte[100]), CommitMode.STRICT))
                .isInstanceOf(DiskFullException.class)
                .hasMessageContaining("No space left on device");
        assertThat(wal.stall()).as("stalled, not fenced").isPresent();
        assertThat(wal.failure()).isEmpty();
        assertThatThrownBy(() -> wal.append(1, segment(new byte[10]), CommitMode.NONE))
                .as("appends fail fast while stalled")
                .isInstanceOf(DiskFullException.class);

        files.clearFaults(); // room again: the flusher writes the stalled records and goes on
        await().atMost(Duration.ofSeconds(10)).until(() -> wal.stall().isEmpty());
        byte[] after = payload(99, 50);
        Rec resumed = new Rec(wal.append(4, segment(after), CommitMode.STRICT), 4, after);
        wal.close();

        try (Wal reopened = Wal.open(config.withChannels(FileChannelFactory.DEFAULT))) {
            List<Rec> replayed = replayAll(reopened);
            assertThat(replayed).startsWith(durable.toArray(Rec[]::new)).endsWith(resumed);
            assertThat(replayed.size())
                    .as("the record whose append failed may be there")
                    .isLessThanOrEqualTo(durable.size() + 2);
        }
    }

    @Test
    void diskFullWhilePreallocatingASegmentStallsTheLogAtTheSegmentEndAndItResumes() {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(3);
        WalConfig config = smallConfig(directory, files);
        Wal wal = Wal.open(config);
        List<Rec> durable = new ArrayList<>(appendStrict(wal, 1, 3));
        durable.addAll(WalTesting.appendUntilSpareIsDue(wal, 16 * 1024, 0));
        Path spare = directory.resolve(SegmentFiles.fileName(16 * 1024));
        WalTesting.await("segment 1 is pre-allocated", () -> Files.exists(spare));
        // Segment 0 exists and segment 1 is pre-allocated; creating any further segment file fails.
        FaultInjectingFileSystem.Rule full = files.failWhen(
                Operation.WRITE, path -> path.toString().endsWith(".tmp"), FaultInjectingFileSystem.diskFull());

        DiskFullException failure = null;
        for (int i = 0; failure == null; i++) {
            byte[] bytes = payload(i, 900);
            try {
                durable.add(new Rec(wal.append(6, segment(bytes), CommitMode.STRICT), 6, bytes));
            } catch (DiskFullException e) {
                failure = e;
            }
        }
        assertThat(failure).hasMessageContaining("No space left on device");
        assertThat(durable.getLast().lsn()).as("segment 1 was filled").isGreaterThan(16 * 1024);
        assertThat(wal.stall()).isPresent();
        assertThat(wal.failure()).as("a full disk does not fence").isEmpty();
        assertThat(directory.resolve(SegmentFiles.fileName(32 * 1024) + ".tmp"))
                .as("the half-filled segment file is deleted, giving its room back")
                .doesNotExist();

        full.remove();
        await().atMost(Duration.ofSeconds(10)).until(() -> wal.stall().isEmpty());
        byte[] after = payload(77, 900);
        Rec resumed = new Rec(wal.append(6, segment(after), CommitMode.STRICT), 6, after);
        wal.close();
        try (Wal reopened = Wal.open(config.withChannels(FileChannelFactory.DEFAULT))) {
            assertThat(replayAll(reopened))
                    .startsWith(durable.toArray(Rec[]::new))
                    .endsWith(resumed);
        }
    }

    @Test
    void directBackendOnAFileSystemWithoutDirectIoFailsNamingTheOption() {
        WalConfig config = smallConfig(directory, (path, options) -> {
                    if (options.contains(DirectIo.openOption().orElseThrow())) {
                        throw new IOException("Invalid argument");
                    }
                    return FileChannel.open(path, options);
                })
                .withSyncBackend(SyncBackend.DIRECT);

        assertThatThrownBy(() -> Wal.open(config))
                .isInstanceOf(PageboxIoException.class)
                .hasMessageContaining("WalConfig.syncBackend DIRECT")
                .hasMessageContaining("does not support O_DIRECT")
                .hasMessageContaining("Invalid argument");
    }
}
