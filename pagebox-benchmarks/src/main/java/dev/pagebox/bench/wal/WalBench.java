/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.wal;

import dev.pagebox.SyncBackend;
import dev.pagebox.bench.io.BenchFiles;
import dev.pagebox.internal.wal.Wal;
import dev.pagebox.internal.wal.WalConfig;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** A log in a fresh directory, with the settings every WAL benchmark shares. */
final class WalBench implements AutoCloseable {
    /** The type byte of every benchmark record. */
    static final int RECORD_TYPE = 1;

    private static final int LIVE_SEGMENTS = 2;

    private final Path directory;
    private final Wal wal;
    private final long segmentSize;

    private WalBench(Path directory, Wal wal) {
        this.directory = directory;
        this.wal = wal;
        this.segmentSize = wal.config().segmentSize();
    }

    /** Opens a log with default settings (64 MiB segments, 4 MiB buffer, 5 ms flush interval) on a backend. */
    static WalBench open(SyncBackend backend) {
        Path directory = BenchFiles.createDirectory("wal");
        return new WalBench(directory, Wal.open(WalConfig.of(directory, 1).withSyncBackend(backend)));
    }

    Wal wal() {
        return wal;
    }

    /** A payload of {@code size} non-zero bytes. */
    static MemorySegment payload(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return MemorySegment.ofArray(bytes);
    }

    /**
     * Models the engine's checkpoints: once more than two segments are durable, drops them, so later segments
     * reuse recycled files instead of zero-filling new ones (as in a steady state).
     */
    void checkpointIfLong() {
        long durable = wal.durableLsn();
        if (durable - wal.firstLsn() > LIVE_SEGMENTS * segmentSize) {
            wal.truncateBefore(durable);
        }
    }

    /** Closes the log and deletes its directory. */
    @Override
    public void close() {
        try {
            wal.close();
        } finally {
            BenchFiles.deleteRecursively(directory);
        }
    }
}
