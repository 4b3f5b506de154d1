/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every {@code WindowStore} method of the Pagebox store against Kafka's in-memory window store as the model, over
 * seeded random operations: puts (deletes, duplicates) around the retention boundary (a window starting exactly at
 * {@code streamTime - retention} has expired, one ms later has not), single-key and key-range fetches forward and
 * backward with null bounds and from greater than to, fetchAll, all, early closes, commits that drop whole segments.
 * Runs write-through and transactional, with and without duplicates, then compares after close and reopen.
 *
 * <p>Iterators over one key must match the model entry for entry. Iterators over several keys must hold the model's
 * entries in the Pagebox order that Kafka's caching layer merges in: by segment ({@code start / segmentInterval}),
 * then by key bytes, start and (for duplicates) the order of the puts; the model orders by start first, so its
 * entries are sorted into that order. Window starts stay in [1000, 65535] and keys at most 3 bytes, where that order
 * follows from (segment, key, start) alone.
 */
@Timeout(120)
class WindowStoreContractTest {
    private static final int OPERATIONS = 2500;
    private static final long RETENTION = 600;
    private static final long SEGMENT_INTERVAL = 100;
    private static final long WINDOW_SIZE = 50;

    @TempDir
    Path stateDir;

    private Random random;
    private RandomInputs inputs;
    private WindowStore<Bytes, byte[]> model;
    private PageboxWindowStore store;

    @ParameterizedTest(name = "transactional={0}, retainDuplicates={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void behavesAsTheInMemoryStore(boolean transactional, boolean retainDuplicates) {
        random = new Random(transactional ? 4035 : 3035 + (retainDuplicates ? 7 : 0));
        inputs = new RandomInputs(random, RETENTION);
        Properties config = transactional ? StoreFixtures.transactional() : new Properties();
        model = Stores.inMemoryWindowStore(
                        "model", Duration.ofMillis(RETENTION), Duration.ofMillis(WINDOW_SIZE), retainDuplicates)
                .get();
        model.init(
                StoreFixtures.internalContext(StoreFixtures.context(stateDir, new TaskId(0, 0), new Properties())),
                model);
        store = open(retainDuplicates, config);
        for (int step = 0; step < OPERATIONS; step++) {
            operate();
            if (step % 500 == 499) {
                assertSameContents();
            }
        }
        store.commit(Map.of());
        assertSameContents();
        assertThat(store.openIterators()).as("no iterator leaks").isZero();
        assertThat(inputs.streamTime() / SEGMENT_INTERVAL)
                .as("windows spanned many segments")
                .isGreaterThan(50);
        assertThat(store.segmentCount())
                .as("expired segments are dropped at commit: what is live spans at most retention / interval + 1")
                .isLessThanOrEqualTo((int) (RETENTION / SEGMENT_INTERVAL) + 2);
        store.close();

        store = open(retainDuplicates, config);
        try {
            assertSameContents();
        } finally {
            store.close();
            model.close();
        }
    }

    private PageboxWindowStore open(boolean retainDuplicates, Properties config) {
        PageboxWindowStore opened = new PageboxWindowStore(
                "store", RETENTION, SEGMENT_INTERVAL, WINDOW_SIZE, retainDuplicates, StoreFixtures.smallOptions());
        StoreFixtures.init(opened, stateDir, new TaskId(0, 0), config);
        return opened;
    }

    private void operate() {
        inputs.tick();
        int choice = random.nextInt(100);
        if (choice < 35) {
            Bytes key = inputs.key();
            long start = inputs.time();
            byte[] value = inputs.value(8);
            model.put(key, value, start);
            store.put(key, value, start);
            inputs.wrote(start);
            if (random.nextInt(3) == 0) { // a put at an expired start is skipped, one at a live start is there
                assertThat(store.fetch(key, start))
                        .as("fetch after put %s at %d", key, start)
                        .isEqualTo(model.fetch(key, start));
            }
        } else if (choice < 45) {
            Bytes key = inputs.key();
            long time = inputs.time();
            assertThat(store.fetch(key, time)).as("fetch %s at %d", key, time).isEqualTo(model.fetch(key, time));
        } else if (choice < 60) {
            Bytes key = inputs.key();
            long from = inputs.time();
            long to = random.nextInt(10) == 0 ? from - 1 : from + random.nextInt(300);
            boolean forward = random.nextBoolean();
            String what = "fetch " + key + " " + from + ".." + to + (forward ? "" : " backward");
            List<KeyValue<Long, byte[]>> expected =
                    IteratorContract.drain(forward ? model.fetch(key, from, to) : model.backwardFetch(key, from, to));
            IteratorContract.check(
                    what, expected, forward ? store.fetch(key, from, to) : store.backwardFetch(key, from, to), random);
        } else if (choice < 75) {
            Bytes keyFrom = random.nextInt(4) == 0 ? null : inputs.key();
            Bytes keyTo = random.nextInt(4) == 0 ? null : inputs.key();
            long from = inputs.time();
            long to = from + random.nextInt(400);
            boolean forward = random.nextBoolean();
            String what = "fetch " + keyFrom + ".." + keyTo + " " + from + ".." + to + (forward ? "" : " backward");
            List<KeyValue<Windowed<Bytes>, byte[]>> expected =
                    inPageboxOrder(IteratorContract.drain(model.fetch(keyFrom, keyTo, from, to)), forward);
            IteratorContract.check(
                    what,
                    expected,
                    forward ? store.fetch(keyFrom, keyTo, from, to) : store.backwardFetch(keyFrom, keyTo, from, to),
                    random);
        } else if (choice < 85) {
            long from = inputs.time();
            long to = from + random.nextInt(400);
            boolean forward = random.nextBoolean();
            List<KeyValue<Windowed<Bytes>, byte[]>> expected =
                    inPageboxOrder(IteratorContract.drain(model.fetchAll(from, to)), forward);
            IteratorContract.check(
                    "fetchAll " + from + ".." + to,
                    expected,
                    forward ? store.fetchAll(from, to) : store.backwardFetchAll(from, to),
                    random);
        } else if (choice < 92) {
            boolean forward = random.nextBoolean();
            IteratorContract.check(
                    "all",
                    inPageboxOrder(IteratorContract.drain(model.all()), forward),
                    forward ? store.all() : store.backwardAll(),
                    random);
        } else {
            store.commit(Map.of());
        }
    }

    /** The model's entries in the order of Pagebox's segments and keys, forward or backward. */
    private static List<KeyValue<Windowed<Bytes>, byte[]>> inPageboxOrder(
            List<KeyValue<Windowed<Bytes>, byte[]>> entries, boolean forward) {
        List<KeyValue<Windowed<Bytes>, byte[]>> sorted = new ArrayList<>(entries);
        Comparator<KeyValue<Windowed<Bytes>, byte[]>> order = Comparator.comparingLong(
                        (KeyValue<Windowed<Bytes>, byte[]> entry) ->
                                entry.key.window().start() / SEGMENT_INTERVAL)
                .thenComparing(
                        entry -> WindowKeys.encode(
                                entry.key.key().get(), entry.key.window().start(), 0),
                        Arrays::compareUnsigned);
        sorted.sort(order); // stable: duplicates keep the model's order, the order of their puts
        if (!forward) {
            java.util.Collections.reverse(sorted);
        }
        return sorted;
    }

    private void assertSameContents() {
        List<KeyValue<Windowed<Bytes>, byte[]>> expected = inPageboxOrder(IteratorContract.drain(model.all()), true);
        assertThat(IteratorContract.describe(IteratorContract.drain(store.all())))
                .isEqualTo(IteratorContract.describe(expected));
    }
}
