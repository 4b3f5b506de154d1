/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.FileChannelFactory;
import dev.pagebox.PageboxException;
import dev.pagebox.SyncBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Helpers shared by the WAL tests. */
final class WalTesting {
    static final long STORE_ID = 0x5EED_0F_BA5EL;

    private WalTesting() {}

    /**
     * Appends STRICT records (one at least) until the log has grown an eighth of a segment past {@code from} and lies at least
     * that far into its segment: then the flusher has asked for the next segment's spare.
     *
     * @return the records appended
     */
    static List<Rec> appendUntilSpareIsDue(Wal wal, long segmentSize, long from) {
        List<Rec> appended = new ArrayList<>();
        long lead = segmentSize / 8;
        do { // at least one: the request comes with a sync
            byte[] payload = new byte[200];
            Arrays.fill(payload, (byte) appended.size());
            long lsn = wal.append(7, segment(payload), dev.pagebox.CommitMode.STRICT);
            appended.add(new Rec(lsn, 7, payload));
        } while (wal.endLsn() - from < lead || wal.endLsn() % segmentSize < lead);
        return appended;
    }

    /** A log with small segments and buffer, so few records cross many boundaries. */
    static WalConfig smallConfig(Path directory, FileChannelFactory channels) {
        return new WalConfig(
                directory, channels, 16 * 1024, 16 * 1024, SyncBackend.FDATASYNC, Duration.ofMillis(5), STORE_ID);
    }

    /** One record as replay returned it. */
    record Rec(long lsn, int type, byte[] payload) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Rec rec
                    && rec.lsn == lsn
                    && rec.type == type
                    && Arrays.equals(rec.payload, payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(lsn) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Rec[lsn=" + lsn + ", type=" + type + ", " + payload.length + " bytes]";
        }
    }

    /** Replays the whole log into a list. */
    static List<Rec> replayAll(Wal wal) {
        return replayFrom(wal, wal.firstLsn());
    }

    static List<Rec> replayFrom(Wal wal, long fromLsn) {
        List<Rec> records = new ArrayList<>();
        wal.replay(
                fromLsn,
                (lsn, type, payload) -> records.add(new Rec(lsn, type, payload.toArray(ValueLayout.JAVA_BYTE))));
        return records;
    }

    /** A deterministic pseudo-random payload. */
    static byte[] payload(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static MemorySegment segment(byte[] bytes) {
        return MemorySegment.ofArray(bytes);
    }

    /** Closes a log that may be fenced (e.g. after a simulated crash). */
    static void closeQuietly(Wal wal) {
        try {
            wal.close();
        } catch (PageboxException expected) {
            // A fenced log reports records that never became durable; the test checks durability itself.
        }
    }

    /** Polls a condition (as Awaitility would) until it holds; fails after a generous timeout. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    static List<Path> segmentFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> SegmentFiles.startOf(p).isPresent())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyDirectory(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteDirectory(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
