/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static dev.pagebox.internal.wal.WalTesting.payload;
import static dev.pagebox.internal.wal.WalTesting.segment;
import static dev.pagebox.internal.wal.WalTesting.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.FileChannelFactory;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that waits for ring space must always be woken once the flusher has written what it waits for.
 *
 * <p>Found by {@code WalRelaxedBenchmark} (pagebox-benchmarks), whose single RELAXED writer hung for good in
 * {@code LogBuffer.awaitSpace} while the flusher idled with everything written. {@code LogBuffer.reserve} read
 * {@code released}, found too little room, and only then announced itself in {@code spaceWaiters};
 * {@code LogBuffer.release} stores {@code released} and signals only if it reads {@code spaceWaiters > 0}. A
 * release between the writer's read and its increment was seen by neither side, and the flusher never released
 * again. The writer now re-checks the room after announcing itself (a Dekker handshake on two volatile words).
 * Without that re-check this test hung after about 4,000 appends.
 */
@Timeout(120)
class WalSpaceWaitTest {
    private static final int APPENDS = 200_000;

    @TempDir
    Path directory;

    @Test
    void aWriterWaitingForSpaceIsAlwaysWoken() throws Exception {
        // A 16 KiB ring and records of an eighth of it: nearly every append waits for the flusher.
        WalConfig config = smallConfig(directory, FileChannelFactory.DEFAULT).withSegmentSize(1024 * 1024);
        AtomicLong appended = new AtomicLong();
        try (Wal wal = Wal.open(config)) {
            MemorySegment record = segment(payload(1, wal.maxPayloadSize()));
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < APPENDS; i++) {
                    wal.append(7, record, CommitMode.RELAXED);
                    appended.incrementAndGet();
                    if (i % 4096 == 0) {
                        wal.truncateBefore(wal.durableLsn());
                    }
                }
            });
            // A liveness bound, not a timing assertion: the loop takes a few seconds; a hang lasts forever.
            writer.join(Duration.ofSeconds(90));
            assertThat(writer.isAlive())
                    .as(
                            "writer stuck waiting for space after %d appends, %d space waits, %s",
                            appended.get(), wal.stats().spaceWaits(), wal.stats())
                    .isFalse();
        }
    }
}
