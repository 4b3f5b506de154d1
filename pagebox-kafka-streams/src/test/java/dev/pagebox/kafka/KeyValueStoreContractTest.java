/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
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
    private static final int OPERATIONS = 4000;

    @TempDir
    Path stateDir;

    private Random random;
    private RandomInputs inputs;
    private KeyValueStore<Bytes, byte[]> model;
    private PageboxKeyValueStore store;

    @ParameterizedTest(name = "transactional={0}")
    @ValueSource(booleans = {false, true})
    void behavesAsTheInMemoryStore(boolean transactional) {
        random = new Random(transactional ? 2035 : 1035);
        inputs = new RandomInputs(random, 0);
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
            Bytes key = inputs.key();
            byte[] value = inputs.value(10);
            model.put(key, value);
            store.put(key, value);
        } else if (choice < 38) {
            Bytes key = inputs.key();
            byte[] value = inputs.value(0);
            assertThat(store.putIfAbsent(key, value)).isEqualTo(model.putIfAbsent(key, value));
        } else if (choice < 43) {
            List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>();
            for (int i = random.nextInt(6); i >= 0; i--) {
                batch.add(KeyValue.pair(inputs.key(), inputs.value(5)));
            }
            model.putAll(batch);
            store.putAll(batch);
        } else if (choice < 53) {
            Bytes key = inputs.key();
            assertThat(store.delete(key)).isEqualTo(model.delete(key));
        } else if (choice < 63) {
            Bytes key = inputs.key();
            assertThat(store.get(key)).as("get %s", key).isEqualTo(model.get(key));
        } else if (choice < 78) {
            Bytes from = random.nextInt(4) == 0 ? null : inputs.key();
            Bytes to = random.nextInt(4) == 0 ? null : inputs.key();
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
        byte[] prefix = inputs.bytes(3);
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

    private void compare(
            String what, KeyValueIterator<Bytes, byte[]> expected, KeyValueIterator<Bytes, byte[]> actual) {
        IteratorContract.check(what, IteratorContract.drain(expected), actual, random);
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
}
