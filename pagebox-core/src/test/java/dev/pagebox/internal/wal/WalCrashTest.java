/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static dev.pagebox.internal.wal.WalTesting.await;
import static dev.pagebox.internal.wal.WalTesting.closeQuietly;
import static dev.pagebox.internal.wal.WalTesting.payload;
import static dev.pagebox.internal.wal.WalTesting.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxException;
import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.CrashMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many platform and virtual threads append STRICT records while the machine "loses power" at a random moment.
 * Every append that returned before the crash must replay with its LSN, and the log must be a contiguous prefix
 * of what was appended: each writer's records form a gap-free prefix of its sequence. Three crash/reopen rounds
 * per seed, so later rounds also append over cut tails.
 */
class WalCrashTest {
    private static final int PLATFORM_WRITERS = 4;
    private static final int VIRTUAL_WRITERS = 12;
    /** Writers in NONE mode: never acknowledged, but their unsynced writes are what a crash tears. */
    private static final int UNSYNCED_WRITERS = 2;

    private static final int ROUNDS = 3;

    @TempDir
    Path directory;

    /** Identifies a record: round, writer and sequence number within the writer. */
    private record Key(int round, int writer, int seq) {}

    static Stream<Arguments> crashes() {
        return Stream.of(
                Arguments.of(11L, CrashMode.DROP_UNSYNCED),
                Arguments.of(12L, CrashMode.DROP_UNSYNCED),
                Arguments.of(13L, CrashMode.DROP_UNSYNCED),
                Arguments.of(21L, CrashMode.TEAR),
                Arguments.of(22L, CrashMode.TEAR),
                Arguments.of(23L, CrashMode.TEAR));
    }

    private static boolean unsynced(int writer) {
        return writer >= PLATFORM_WRITERS + VIRTUAL_WRITERS;
    }

    private static byte[] encode(Key key) {
        int length = 12 + Math.floorMod(key.hashCode(), unsynced(key.writer()) ? 1900 : 300);
        ByteBuffer buffer = ByteBuffer.wrap(payload(key.hashCode(), length)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(0, key.round()).putInt(4, key.writer()).putInt(8, key.seq());
        return buffer.array();
    }

    private static Key decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new Key(buffer.getInt(0), buffer.getInt(4), buffer.getInt(8));
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("crashes")
    void everyAcknowledgedStrictAppendSurvivesACrash(long seed, CrashMode mode) throws Exception {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(seed);
        WalConfig config = smallConfig(directory, files);
        Random random = new Random(seed);
        Map<Key, Long> acknowledged = new ConcurrentHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            Wal wal = Wal.open(config);
            verify(wal, acknowledged);
            AtomicBoolean crashing = new AtomicBoolean();
            AtomicInteger acks = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int writer = 0; writer < PLATFORM_WRITERS + VIRTUAL_WRITERS + UNSYNCED_WRITERS; writer++) {
                int round0 = round;
                int writer0 = writer;
                Runnable task = () -> {
                    for (int seq = 0; ; seq++) {
                        Key key = new Key(round0, writer0, seq);
                        try {
                            CommitMode commitMode = unsynced(writer0) ? CommitMode.NONE : CommitMode.STRICT;
                            long lsn = wal.append(writer0, WalTesting.segment(encode(key)), commitMode);
                            if (commitMode == CommitMode.NONE) {
                                continue;
                            }
                            // An append that returns after the crash began proves nothing (see the report on
                            // FaultInjectingFileSystem's force/crash race); one that returned before must survive.
                            if (!crashing.get()) {
                                acknowledged.put(key, lsn);
                                acks.incrementAndGet();
                            }
                        } catch (PageboxException expected) {
                            return;
                        }
                    }
                };
                writers.add(
                        writer < PLATFORM_WRITERS
                                ? Thread.ofPlatform().start(task)
                                : Thread.ofVirtual().start(task));
            }
            int target = acks.get() + 40 + random.nextInt(200);
            await("writers have " + target + " acknowledged appends", () -> acks.get() >= target);
            crashing.set(true);
            files.crash(mode);
            for (Thread writer : writers) {
                writer.join();
            }
            assertThat(wal.failure()).as("the crash fenced the log").isPresent();
            closeQuietly(wal);
        }
        try (Wal wal = Wal.open(config)) {
            verify(wal, acknowledged);
        }
    }

    private static void verify(Wal wal, Map<Key, Long> acknowledged) {
        Map<Key, Long> replayed = new HashMap<>();
        Map<List<Integer>, Integer> nextSeq = new HashMap<>();
        long[] previousLsn = {-1};
        wal.replay(wal.firstLsn(), (lsn, type, payload) -> {
            byte[] bytes = payload.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            Key key = decode(bytes);
            assertThat(bytes).as("payload of %s", key).isEqualTo(encode(key));
            assertThat(lsn).isGreaterThan(previousLsn[0]);
            previousLsn[0] = lsn;
            List<Integer> writer = List.of(key.round(), key.writer());
            assertThat(key.seq())
                    .as("writer %s: records form a gap-free prefix", writer)
                    .isEqualTo(nextSeq.getOrDefault(writer, 0));
            nextSeq.put(writer, key.seq() + 1);
            replayed.put(key, lsn);
        });
        for (Map.Entry<Key, Long> ack : acknowledged.entrySet()) {
            assertThat(replayed.get(ack.getKey()))
                    .as("acknowledged %s", ack.getKey())
                    .isEqualTo(ack.getValue());
        }
        assertThat(Arrays.asList(replayed.size() >= acknowledged.size())).containsOnly(true);
    }
}
