/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code KeyValueStore} method of the Pagebox store against Kafka's in-memory store as the model, over seeded
 * random operations on a small alphabet of edge bytes (0x00, 0x7F, 0x80, 0xFF): null bounds, reverse ranges, from
 * greater than to, empty keys and values, prefixes ending in 0xFF, the empty prefix, iterators closed early. Both
 * modes run: write-through and transactional (staged writes merged into every read, committed at random).
 */
class KeyValueStoreContractTest {
    private static final byte[] ALPHABET = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFF};
    private static final int OPERATIONS = 4000;

    @TempDir
    Path stateDir;

    private Random random;
    private KeyValueStore<Bytes, byte[]> model;
    private PageboxKeyValueStore store;

    @ParameterizedTest(name = "transactional={0}")
    @ValueSource(booleans = {false, true})
    void behavesAsTheInMemoryStore(boolean transactional) {
        random = new Random(transactional ? 2035 : 1035);
        Properties config = transactional ? StoreFixtures.transactional() : new Properties();
        model = Stores.inMemoryKeyValueStore("model").get();
        StoreFixtures.init(model, stateDir, new TaskId(0, 0), new Properties());
        store = StoreFixtures.open("store", stateDir, config);
        for (int step = 0; step < OPERATIONS; step++) {
            operate(step);
        }
        store.commit(Map.of());
        assertSameContents();
        assertThat(store.openIterators()).as("no iterator leaks").isZero();
        store.close();

        PageboxKeyValueStore reopened = StoreFixtures.open("store", stateDir, config);
        try {
            assertThat(entries(reopened.all()))
                    .as("contents survive close and reopen")
                    .isEqualTo(entries(model.all()));
            assertThat(reopened.approximateNumEntries()).isEqualTo(model.approximateNumEntries());
        } finally {
            reopened.close();
            model.close();
        }
    }

    private void operate(int step) {
        int choice = random.nextInt(100);
        if (choice < 30) {
            Bytes key = randomKey();
            byte[] value = random.nextInt(10) == 0 ? null : randomValue();
            model.put(key, value);
            store.put(key, value);
        } else if (choice < 38) {
            Bytes key = randomKey();
            byte[] value = randomValue();
            assertThat(store.putIfAbsent(key, value)).isEqualTo(model.putIfAbsent(key, value));
        } else if (choice < 43) {
            List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>();
            for (int i = random.nextInt(6); i >= 0; i--) {
                batch.add(KeyValue.pair(randomKey(), random.nextInt(5) == 0 ? null : randomValue()));
            }
            model.putAll(batch);
            store.putAll(batch);
        } else if (choice < 53) {
            Bytes key = randomKey();
            assertThat(store.delete(key)).isEqualTo(model.delete(key));
        } else if (choice < 63) {
            Bytes key = randomKey();
            assertThat(store.get(key)).as("get %s", key).isEqualTo(model.get(key));
        } else if (choice < 78) {
            Bytes from = random.nextInt(4) == 0 ? null : randomKey();
            Bytes to = random.nextInt(4) == 0 ? null : randomKey();
            boolean reverse = random.nextBoolean();
            compare(
                    "range " + from + " " + to + " reverse " + reverse,
                    reverse ? model.reverseRange(from, to) : model.range(from, to),
                    reverse ? store.reverseRange(from, to) : store.range(from, to));
        } else if (choice < 83) {
            boolean reverse = random.nextBoolean();
            compare("all", reverse ? model.reverseAll() : model.all(), reverse ? store.reverseAll() : store.all());
        } else if (choice < 93) {
            prefixScan();
        } else if (choice < 96) {
            store.commit(Map.of()); // the estimate counts committed entries only
            assertThat(store.approximateNumEntries()).isEqualTo(model.approximateNumEntries());
        } else {
            store.commit(Map.of());
        }
        if (step % 500 == 499) {
            assertSameContents();
        }
    }

    private void prefixScan() {
        byte[] prefix = new byte[random.nextInt(3)];
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        List<String> expected = new ArrayList<>();
        for (String entry : entries(model.all())) {
            if (entry.startsWith(HexFormat.of().formatHex(prefix))) {
                expected.add(entry);
            }
        }
        List<String> actual = entries(store.prefixScan(prefix, new ByteArraySerializer()));
        assertThat(actual).as("prefix %s", HexFormat.of().formatHex(prefix)).isEqualTo(expected);
        boolean kafkaHandles = prefix.length > 0 && prefix[prefix.length - 1] != (byte) 0xFF;
        if (kafkaHandles) {
            assertThat(actual).isEqualTo(entries(model.prefixScan(prefix, new ByteArraySerializer())));
        }
    }

    /** Compares two iterators step by step: peekNextKey, next, early close, and the end of iteration. */
    private void compare(
            String what, KeyValueIterator<Bytes, byte[]> expected, KeyValueIterator<Bytes, byte[]> actual) {
        int stopAfter = random.nextInt(5) == 0 ? random.nextInt(4) : Integer.MAX_VALUE;
        try (expected;
                actual) {
            int seen = 0;
            while (expected.hasNext() && seen < stopAfter) {
                assertThat(actual.hasNext()).as(what).isTrue();
                Bytes peeked = actual.peekNextKey();
                assertThat(actual.peekNextKey())
                        .as("peekNextKey does not advance")
                        .isEqualTo(peeked);
                KeyValue<Bytes, byte[]> want = expected.next();
                KeyValue<Bytes, byte[]> got = actual.next();
                assertThat(got.key).as(what).isEqualTo(want.key).isEqualTo(peeked);
                assertThat(got.value).as(what + " value of " + got.key).isEqualTo(want.value);
                seen++;
            }
            if (seen < stopAfter) {
                assertThat(actual.hasNext()).as(what + ": no more entries").isFalse();
                assertThatThrownBy(actual::next).isInstanceOf(NoSuchElementException.class);
                assertThatThrownBy(actual::peekNextKey).isInstanceOf(NoSuchElementException.class);
            }
        }
        assertThatThrownBy(actual::hasNext).as("a closed iterator").isInstanceOf(InvalidStateStoreException.class);
    }

    private void assertSameContents() {
        assertThat(entries(store.all())).isEqualTo(entries(model.all()));
        assertThat(entries(store.reverseAll())).isEqualTo(entries(model.reverseAll()));
    }

    private static List<String> entries(KeyValueIterator<Bytes, byte[]> iterator) {
        List<String> entries = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> entry : StoreFixtures.drain(iterator)) {
            entries.add(HexFormat.of().formatHex(entry.key.get()) + "=" + Arrays.toString(entry.value));
        }
        return entries;
    }

    private Bytes randomKey() {
        byte[] key = new byte[random.nextInt(4)];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return Bytes.wrap(key);
    }

    private byte @Nullable [] randomValue() {
        byte[] value = new byte[random.nextInt(6)];
        random.nextBytes(value);
        return value;
    }
}
