/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.PageboxOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The child JVM of {@link CommitCrashIT}: the stores of {@link CountingApp} (a key-value and a window store for each
 * of four tasks, exactly-once with transactional stores, the same Pagebox options) committed in rounds, as a stream
 * thread commits its tasks, until the test kills it. In round r every store stages writes, among them the key
 * {@code round} = r, and commits changelog offset r; the stores commit in the order of {@link #STORES}. Prints
 * {@code ROUND r} after each round.
 *
 * <p>Arguments: state directory.
 */
public final class CommitCrashApp {
    static final int TASKS = 4;
    static final Bytes ROUND = Bytes.wrap("round".getBytes());

    private CommitCrashApp() {}

    /** The options of {@link CountingApp}. */
    static PageboxStoreOptions options() {
        return PageboxStoreOptions.builder()
                .pagebox(PageboxOptions.builder()
                        .poolSize(16L << 20)
                        .pageSize(4096)
                        .walSegmentSize(8L << 20)
                        .walBufferSize(2 << 20)
                        .checkpointWalSize(8L << 20)
                        .build())
                .build();
    }

    static PageboxKeyValueStore keyValue(Path stateDir, int task) {
        PageboxKeyValueStore store = new PageboxKeyValueStore("counts", options());
        StoreFixtures.init(store, stateDir, new TaskId(0, task), StoreFixtures.transactional());
        return store;
    }

    static PageboxWindowStore window(Path stateDir, int task) {
        long day = 86_400_000L;
        PageboxWindowStore store = new PageboxWindowStore("daily-counts", 2 * day, day, day, false, options());
        StoreFixtures.init(store, stateDir, new TaskId(0, task), StoreFixtures.transactional());
        return store;
    }

    /** The window every write goes to: the start of the epoch's first day, so that nothing ever expires. */
    static long windowStart() {
        return 0;
    }

    static TopicPartition changelog(String store, int task) {
        return new TopicPartition("pagebox-counting-" + store + "-changelog", task);
    }

    public static void main(String[] args) {
        Path stateDir = Path.of(args[0]);
        PageboxKeyValueStore[] keyValues = new PageboxKeyValueStore[TASKS];
        PageboxWindowStore[] windows = new PageboxWindowStore[TASKS];
        for (int task = 0; task < TASKS; task++) {
            keyValues[task] = keyValue(stateDir, task);
            windows[task] = window(stateDir, task);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (long round = 1; ; round++) {
            byte[] roundValue = TreeMeta.encodeLong(round);
            for (int task = 0; task < TASKS; task++) {
                for (int i = 0; i < 5; i++) {
                    Bytes key = Bytes.wrap(
                            String.format("k%03d", random.nextInt(200)).getBytes());
                    keyValues[task].put(key, roundValue);
                    windows[task].put(key, roundValue, windowStart());
                }
                keyValues[task].put(ROUND, roundValue);
                windows[task].put(ROUND, roundValue, windowStart());
                keyValues[task].commit(Map.of(changelog("counts", task), round));
                windows[task].commit(Map.of(changelog("daily-counts", task), round));
            }
            System.out.println("ROUND " + round);
        }
    }
}
