/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlySessionStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.SessionBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windowed DSL topologies run once with Kafka's in-memory window and session stores and once with Pagebox's, on the
 * same seeded input (out-of-order records, some past the grace period) in {@link TopologyTestDriver}; the outputs
 * (keys, values and timestamps) and the final store contents must be identical. Runs under at-least-once with the
 * record cache (Kafka's caching layer merges its cache with the store's iterators, by segment and key bytes) and under
 * exactly-once with transactional state stores. The hopping-window store has no cache, so every aggregate is read
 * back from the store with its timestamp (which the output records carry).
 */
@Timeout(120)
class WindowedTopologyDifferentialTest {
    private static final String[] KEYS = {"a", "b", "ab", "pagebox", "p", "", "zz"};
    private static final Duration RETENTION = Duration.ofMinutes(3);

    @TempDir
    Path stateDir;

    private int runs;

    @ParameterizedTest(name = "exactlyOnce={0}")
    @ValueSource(booleans = {false, true})
    void tumblingWindowCountWithSuppression(boolean exactlyOnce) {
        Run memory = tumbling(exactlyOnce, new InMemory());
        Run pagebox = tumbling(exactlyOnce, new Pagebox());
        assertThat(pagebox.outputs).hasSizeGreaterThan(100).isEqualTo(memory.outputs);
        assertThat(pagebox.contents).isNotEmpty().isEqualTo(memory.contents);
    }

    private Run tumbling(boolean exactlyOnce, StoreKind stores) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<Windowed<String>, Long> counts = builder.stream("events", Consumed.with(Serdes.String(), Serdes.Long()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(20)))
                .count(Materialized.<String, Long>as(stores.window("counts", Duration.ofSeconds(10), false))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()));
        counts.toStream().to("counts", Produced.with(windowedSerde(Duration.ofSeconds(10)), Serdes.Long()));
        counts.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                .toStream()
                .to("final-counts", Produced.with(windowedSerde(Duration.ofSeconds(10)), Serdes.Long()));
        return run(builder, exactlyOnce, 11, 500, driver -> {}, (driver, outputs) -> {
            outputs.addAll(read(driver, "final-counts"));
            ReadOnlyWindowStore<String, ValueAndTimestamp<Long>> store = driver.getTimestampedWindowStore("counts");
            for (String key : KEYS) {
                try (WindowStoreIterator<ValueAndTimestamp<Long>> windows =
                        store.backwardFetch(key, Instant.ofEpochMilli(0), Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
                    windows.forEachRemaining(
                            window -> outputs.add("backward " + key + "@" + window.key + "=" + window.value));
                }
            }
            return sorted(store.all());
        });
    }

    @ParameterizedTest(name = "exactlyOnce={0}")
    @ValueSource(booleans = {false, true})
    void hoppingWindowSum(boolean exactlyOnce) {
        Run memory = hopping(exactlyOnce, new InMemory());
        Run pagebox = hopping(exactlyOnce, new Pagebox());
        assertThat(pagebox.outputs).hasSizeGreaterThan(100).isEqualTo(memory.outputs);
        assertThat(pagebox.contents).isNotEmpty().isEqualTo(memory.contents);
    }

    private Run hopping(boolean exactlyOnce, StoreKind stores) {
        StreamsBuilder builder = new StreamsBuilder();
        Duration size = Duration.ofSeconds(30);
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.Long()))
                .groupByKey()
                .windowedBy(
                        TimeWindows.ofSizeAndGrace(size, Duration.ofSeconds(15)).advanceBy(Duration.ofSeconds(10)))
                .reduce(
                        Long::sum,
                        Materialized.<String, Long>as(stores.window("sums", size, false))
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long())
                                .withCachingDisabled()) // every read goes to the store: timestamps must survive it
                .toStream()
                .to("counts", Produced.with(windowedSerde(size), Serdes.Long()));
        return run(builder, exactlyOnce, 13, 500, driver -> {}, (driver, outputs) -> {
            ReadOnlyWindowStore<String, ValueAndTimestamp<Long>> store = driver.getTimestampedWindowStore("sums");
            outputs.add("range "
                    + sorted(store.fetch("a", "p", Instant.ofEpochMilli(60_000), Instant.ofEpochMilli(200_000))));
            for (String key : KEYS) {
                try (WindowStoreIterator<ValueAndTimestamp<Long>> windows =
                        store.fetch(key, Instant.ofEpochMilli(30_000), Instant.ofEpochMilli(250_000))) {
                    windows.forEachRemaining(window -> outputs.add(key + "@" + window.key + "=" + window.value));
                }
            }
            return sorted(store.all());
        });
    }

    @ParameterizedTest(name = "exactlyOnce={0}")
    @ValueSource(booleans = {false, true})
    void sessionWindowCountWithMerges(boolean exactlyOnce) {
        Run memory = sessions(exactlyOnce, new InMemory());
        Run pagebox = sessions(exactlyOnce, new Pagebox());
        assertThat(pagebox.outputs).hasSizeGreaterThan(100).isEqualTo(memory.outputs);
        assertThat(pagebox.outputs).as("sessions merged").anyMatch(output -> output.contains("=null"));
        assertThat(pagebox.contents).isNotEmpty().isEqualTo(memory.contents);
    }

    private Run sessions(boolean exactlyOnce, StoreKind stores) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.Long()))
                .groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofSeconds(5), Duration.ofSeconds(20)))
                .count(Materialized.<String, Long>as(stores.session("sessions"))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()))
                .toStream()
                .to("counts", Produced.with(sessionSerde(), Serdes.Long()));
        return run(builder, exactlyOnce, 17, 500, driver -> {}, (driver, outputs) -> {
            ReadOnlySessionStore<String, Long> store = driver.getSessionStore("sessions");
            List<String> contents = new ArrayList<>();
            for (String key : KEYS) {
                contents.addAll(list(store.fetch(key)));
                // backwardFetch, not backwardFindSessions with a latest start before the newest segment: on a
                // persistent store, Kafka's caching layer throws there ("segment interval has changed")
                outputs.add("backward " + list(store.backwardFetch(key)));
                outputs.add("find " + list(store.findSessions(key, 100_000, 200_000)));
            }
            return contents;
        });
    }

    @ParameterizedTest(name = "exactlyOnce={0}")
    @ValueSource(booleans = {false, true})
    void streamStreamJoinRetainsDuplicates(boolean exactlyOnce) {
        Run memory = join(exactlyOnce, new InMemory());
        Run pagebox = join(exactlyOnce, new Pagebox());
        assertThat(pagebox.outputs).hasSizeGreaterThan(50).isEqualTo(memory.outputs);
    }

    private Run join(boolean exactlyOnce, StoreKind stores) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Long> left = builder.stream("events", Consumed.with(Serdes.String(), Serdes.Long()));
        KStream<String, Long> right = builder.stream("others", Consumed.with(Serdes.String(), Serdes.Long()));
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(3), Duration.ofSeconds(10));
        Duration windowSize = Duration.ofSeconds(6);
        Duration retention = windowSize.plusSeconds(10);
        left.join(
                        right,
                        (l, r) -> l * 1000 + r,
                        windows,
                        StreamJoined.<String, Long, Long>with(
                                        stores.join("left-store", retention, windowSize),
                                        stores.join("right-store", retention, windowSize))
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long())
                                .withOtherValueSerde(Serdes.Long()))
                .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        return run(builder, exactlyOnce, 19, 400, driver -> {}, (driver, outputs) -> List.of());
    }

    /** Runs a topology on seeded events (and, for joins, on a second topic), returning outputs and contents. */
    private Run run(
            StreamsBuilder builder,
            boolean exactlyOnce,
            long seed,
            int records,
            Consumer<TopologyTestDriver> setUp,
            Inspection inspection) {
        Random random = new Random(seed);
        try (TopologyTestDriver driver = driver(builder, exactlyOnce)) {
            setUp.accept(driver);
            TestInputTopic<String, Long> events = driver.createInputTopic(
                    "events", new StringSerializer(), Serdes.Long().serializer());
            TestInputTopic<String, Long> others =
                    builder.build().describe().toString().contains("others")
                            ? driver.createInputTopic(
                                    "others",
                                    new StringSerializer(),
                                    Serdes.Long().serializer())
                            : null;
            long time = 0;
            for (int i = 0; i < records; i++) {
                time += random.nextInt(1500);
                long timestamp = random.nextInt(8) == 0 ? Math.max(0, time - random.nextInt(40_000)) : time;
                TestInputTopic<String, Long> topic = others != null && random.nextBoolean() ? others : events;
                topic.pipeInput(KEYS[random.nextInt(KEYS.length)], (long) random.nextInt(100), timestamp);
            }
            List<String> outputs = read(driver, "counts");
            List<String> contents = inspection.inspect(driver, outputs);
            return new Run(outputs, contents);
        }
    }

    /** Reads what a topology left: adds to the outputs, returns the store contents. */
    @FunctionalInterface
    private interface Inspection {
        List<String> inspect(TopologyTestDriver driver, List<String> outputs);
    }

    private static List<String> read(TopologyTestDriver driver, String topic) {
        TestOutputTopic<String, Long> output = driver.createOutputTopic(
                topic, Serdes.String().deserializer(), Serdes.Long().deserializer());
        List<String> records = new ArrayList<>();
        for (TestRecord<String, Long> record : output.readRecordsToList()) {
            records.add(topic + " " + record.key() + "=" + record.value() + " @" + record.timestamp());
        }
        return records;
    }

    /** A serde that writes a windowed key as text, so that output topics can be read as strings. */
    private static org.apache.kafka.common.serialization.Serde<Windowed<String>> windowedSerde(Duration size) {
        return Serdes.serdeFrom(
                (topic, windowed) -> windowed == null
                        ? null
                        : (windowed.key() + "@" + windowed.window().start() + "/" + size.toMillis())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("write-only");
                });
    }

    private static org.apache.kafka.common.serialization.Serde<Windowed<String>> sessionSerde() {
        return Serdes.serdeFrom(
                (topic, windowed) -> windowed == null
                        ? null
                        : (windowed.key() + "@" + windowed.window().start() + ".."
                                        + windowed.window().end())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("write-only");
                });
    }

    /** Entries of an iterator over several keys, sorted: each store iterates in its own segment order. */
    private static <V> List<String> sorted(KeyValueIterator<Windowed<String>, V> iterator) {
        List<String> entries = list(iterator);
        entries.sort(null);
        return entries;
    }

    private static <V> List<String> list(KeyValueIterator<Windowed<String>, V> iterator) {
        List<String> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> entries.add(entry.key.key() + "@"
                    + entry.key.window().start() + ".." + entry.key.window().end() + "=" + entry.value));
        }
        return entries;
    }

    private TopologyTestDriver driver(StreamsBuilder builder, boolean exactlyOnce) {
        return new TopologyTestDriver(
                builder.build(),
                StoreFixtures.driverProperties(
                        "windowed-differential", stateDir.resolve("run-" + runs++), exactlyOnce));
    }

    /** The stores one run uses. */
    private interface StoreKind {
        WindowBytesStoreSupplier window(String name, Duration windowSize, boolean retainDuplicates);

        SessionBytesStoreSupplier session(String name);

        WindowBytesStoreSupplier join(String name, Duration retention, Duration windowSize);
    }

    private static final class InMemory implements StoreKind {
        @Override
        public WindowBytesStoreSupplier window(String name, Duration windowSize, boolean retainDuplicates) {
            return Stores.inMemoryWindowStore(name, RETENTION, windowSize, retainDuplicates);
        }

        @Override
        public SessionBytesStoreSupplier session(String name) {
            return Stores.inMemorySessionStore(name, RETENTION);
        }

        @Override
        public WindowBytesStoreSupplier join(String name, Duration retention, Duration windowSize) {
            return Stores.inMemoryWindowStore(name, retention, windowSize, true);
        }
    }

    private static final class Pagebox implements StoreKind {
        @Override
        public WindowBytesStoreSupplier window(String name, Duration windowSize, boolean retainDuplicates) {
            return PageboxStores.persistentTimestampedWindowStore(
                    name, RETENTION, windowSize, retainDuplicates, StoreFixtures.smallOptions());
        }

        @Override
        public SessionBytesStoreSupplier session(String name) {
            return PageboxStores.persistentSessionStore(name, RETENTION, StoreFixtures.smallOptions());
        }

        @Override
        public WindowBytesStoreSupplier join(String name, Duration retention, Duration windowSize) {
            return PageboxStores.persistentWindowStore(name, retention, windowSize, true, StoreFixtures.smallOptions());
        }
    }

    /** What one run produced. */
    private record Run(List<String> outputs, List<String> contents) {}
}
