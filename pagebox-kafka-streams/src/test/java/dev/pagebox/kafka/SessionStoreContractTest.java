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
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code SessionStore} method of the Pagebox store against Kafka's in-memory session store as the model, over
 * seeded random operations: puts (and null puts, which delete) of overlapping sessions around the retention boundary,
 * removes of live and expired sessions, fetchSession, findSessions by key and by key range (null bounds, from
 * greater than to), by end times, fetches, all forward and backward, early closes, commits that drop segments. Runs
 * write-through and transactional, then compares after close and reopen.
 *
 * <p>The model orders sessions by end, key, then start descending; Pagebox (and Kafka's caching layer) by segment
 * ({@code end / segmentInterval}) then by the session key's bytes (key, end, start). The model's entries are sorted
 * into that order, which the comparison then requires exactly.
 */
@Timeout(120)
class SessionStoreContractTest {
    private static final int OPERATIONS = 2500;
    private static final long RETENTION = 500;
    private static final long SEGMENT_INTERVAL = 100;

    @TempDir
    Path stateDir;

    private Random random;
    private RandomInputs inputs;
    private SessionStore<Bytes, byte[]> model;
    private PageboxSessionStore store;

    @ParameterizedTest(name = "transactional={0}")
    @ValueSource(booleans = {false, true})
    void behavesAsTheInMemoryStore(boolean transactional) {
        random = new Random(transactional ? 6035 : 5035);
        inputs = new RandomInputs(random, RETENTION);
        Properties config = transactional ? StoreFixtures.transactional() : new Properties();
        model = Stores.inMemorySessionStore("model", Duration.ofMillis(RETENTION))
                .get();
        StoreFixtures.init(model, stateDir, new TaskId(0, 0), new Properties());
        store = open(config);
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
                .as("sessions spanned many segments")
                .isGreaterThan(10);
        assertThat(store.segmentCount())
                .as("expired segments are dropped at commit")
                .isLessThanOrEqualTo((int) (RETENTION / SEGMENT_INTERVAL) + 2);
        store.close();

        store = open(config);
        try {
            assertSameContents();
        } finally {
            store.close();
            model.close();
        }
    }

    private PageboxSessionStore open(Properties config) {
        PageboxSessionStore opened =
                new PageboxSessionStore("store", RETENTION, SEGMENT_INTERVAL, StoreFixtures.smallOptions());
        StoreFixtures.init(opened, stateDir, new TaskId(0, 0), config);
        return opened;
    }

    private void operate() {
        inputs.tick();
        int choice = random.nextInt(100);
        if (choice < 30) {
            long end = inputs.time();
            Windowed<Bytes> session = new Windowed<>(inputs.key(), new SessionWindow(end - random.nextInt(80), end));
            byte[] value = inputs.value(10);
            model.put(session, value);
            store.put(session, value);
            inputs.wrote(end);
            check(session);
        } else if (choice < 38) {
            Windowed<Bytes> session = existingOrRandomSession();
            model.remove(session);
            store.remove(session);
            check(session);
        } else if (choice < 46) {
            check(existingOrRandomSession());
        } else if (choice < 58) {
            Bytes key = inputs.key();
            long earliestEnd = inputs.time();
            long latestStart = earliestEnd + random.nextInt(200) - 100;
            boolean forward = random.nextBoolean();
            compare(
                    "findSessions " + key + " " + earliestEnd + " " + latestStart,
                    model.findSessions(key, earliestEnd, latestStart),
                    forward
                            ? store.findSessions(key, earliestEnd, latestStart)
                            : store.backwardFindSessions(key, earliestEnd, latestStart),
                    forward);
        } else if (choice < 70) {
            Bytes keyFrom = random.nextInt(4) == 0 ? null : inputs.key();
            Bytes keyTo = random.nextInt(4) == 0 ? null : inputs.key();
            long earliestEnd = inputs.time();
            long latestStart = earliestEnd + random.nextInt(200) - 100;
            boolean forward = random.nextBoolean();
            compare(
                    "findSessions " + keyFrom + ".." + keyTo + " " + earliestEnd + " " + latestStart,
                    model.findSessions(keyFrom, keyTo, earliestEnd, latestStart),
                    forward
                            ? store.findSessions(keyFrom, keyTo, earliestEnd, latestStart)
                            : store.backwardFindSessions(keyFrom, keyTo, earliestEnd, latestStart),
                    forward);
        } else if (choice < 78) {
            Bytes key = inputs.key();
            boolean forward = random.nextBoolean();
            compare("fetch " + key, model.fetch(key), forward ? store.fetch(key) : store.backwardFetch(key), forward);
        } else if (choice < 86) {
            Bytes keyFrom = random.nextInt(4) == 0 ? null : inputs.key();
            Bytes keyTo = random.nextInt(4) == 0 ? null : inputs.key();
            if (keyFrom != null && keyTo != null && keyFrom.compareTo(keyTo) > 0) {
                // the model throws here (its sub-map refuses from > to); Kafka's RocksDB store and Pagebox give none
                assertThat(IteratorContract.drain(store.fetch(keyFrom, keyTo))).isEmpty();
                return;
            }
            boolean forward = random.nextBoolean();
            compare(
                    "fetch " + keyFrom + ".." + keyTo,
                    model.fetch(keyFrom, keyTo),
                    forward ? store.fetch(keyFrom, keyTo) : store.backwardFetch(keyFrom, keyTo),
                    forward);
        } else if (choice < 92) {
            long earliestEnd = inputs.time();
            long latestEnd = earliestEnd + random.nextInt(300);
            compare(
                    "findSessions by end " + earliestEnd + ".." + latestEnd,
                    model.findSessions(earliestEnd, latestEnd),
                    store.findSessions(earliestEnd, latestEnd),
                    true);
        } else {
            store.commit(Map.of());
        }
    }

    /** Compares fetchSession of one session. */
    private void check(Windowed<Bytes> session) {
        Bytes key = session.key();
        long start = session.window().start();
        long end = session.window().end();
        assertThat(store.fetchSession(key, start, end))
                .as("fetchSession %s", IteratorContract.describe(session))
                .isEqualTo(model.fetchSession(key, start, end));
    }

    private void compare(
            String what,
            KeyValueIterator<Windowed<Bytes>, byte[]> expected,
            KeyValueIterator<Windowed<Bytes>, byte[]> actual,
            boolean forward) {
        IteratorContract.check(what, inPageboxOrder(IteratorContract.drain(expected), forward), actual, random);
    }

    /** The model's sessions in Pagebox's order: by segment of their end, then by session key bytes. */
    private static List<KeyValue<Windowed<Bytes>, byte[]>> inPageboxOrder(
            List<KeyValue<Windowed<Bytes>, byte[]>> entries, boolean forward) {
        List<KeyValue<Windowed<Bytes>, byte[]>> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong((KeyValue<Windowed<Bytes>, byte[]> entry) ->
                        entry.key.window().end() / SEGMENT_INTERVAL)
                .thenComparing(entry -> SessionKeys.encode(entry.key), Arrays::compareUnsigned));
        if (!forward) {
            Collections.reverse(sorted);
        }
        return sorted;
    }

    private void assertSameContents() {
        List<KeyValue<Windowed<Bytes>, byte[]>> expected =
                inPageboxOrder(IteratorContract.drain(model.fetch(null, null)), true);
        assertThat(IteratorContract.describe(IteratorContract.drain(store.fetch(null, null))))
                .isEqualTo(IteratorContract.describe(expected));
    }

    private Windowed<Bytes> existingOrRandomSession() {
        if (random.nextBoolean()) {
            List<KeyValue<Windowed<Bytes>, byte[]>> sessions = IteratorContract.drain(model.fetch(null, null));
            if (!sessions.isEmpty()) {
                return sessions.get(random.nextInt(sessions.size())).key;
            }
        }
        long end = inputs.time();
        return new Windowed<>(inputs.key(), new SessionWindow(end - random.nextInt(80), end));
    }
}
