/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same topologies run once with Kafka's in-memory store and once with Pagebox's, on the same seeded input, in
 * {@link TopologyTestDriver}; their outputs and final store contents must be identical. Runs under at-least-once
 * with caching (the caching layer merges its cache with the store's iterators) and under exactly-once with
 * transactional state stores (writes staged and committed with the offsets).
 */
class TopologyDifferentialTest {
    private static final String[] WORDS = {"a", "b", "kafka", "pagebox", "tree", "page", "pa", "p", "zebra", ""};

    @TempDir
    Path stateDir;

    private int runs;

    @ParameterizedTest(name = "exactlyOnce={0}")
    @ValueSource(booleans = {false, true})
    void wordCount(boolean exactlyOnce) {
        Run memory = wordCount(exactlyOnce, Stores::inMemoryKeyValueStore);
        Run pagebox = wordCount(exactlyOnce, this::pagebox);
        assertThat(pagebox.outputs).isNotEmpty().isEqualTo(memory.outputs);
        assertThat(pagebox.contents).isNotEmpty().isEqualTo(memory.contents);
    }

    private Run wordCount(boolean exactlyOnce, Function<String, KeyValueBytesStoreSupplier> stores) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(line -> Arrays.asList(line.split(" ", -1)))
                .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long>as(stores.apply("counts"))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()))
                .toStream()
                .to("word-counts", Produced.with(Serdes.String(), Serdes.Long()));
        Random random = new Random(7);
        try (TopologyTestDriver driver = driver(builder.build(), exactlyOnce)) {
            TestInputTopic<String, String> lines =
                    driver.createInputTopic("lines", new StringSerializer(), new StringSerializer());
            for (int i = 0; i < 600; i++) {
                StringBuilder line = new StringBuilder();
                for (int w = random.nextInt(6); w >= 0; w--) {
                    line.append(WORDS[random.nextInt(WORDS.length)]).append(w > 0 ? " " : "");
                }
                lines.pipeInput("line-" + i, line.toString());
            }
            TestOutputTopic<String, Long> counts = driver.createOutputTopic(
                    "word-counts", Serdes.String().deserializer(), Serdes.Long().deserializer());
            List<String> outputs = new ArrayList<>();
            counts.readKeyValuesToList().forEach(entry -> outputs.add(entry.key + "=" + entry.value));
            return new Run(outputs, contents(driver.getKeyValueStore("counts")));
        }
    }

    @ParameterizedTest(name = "exactlyOnce={0}")
    @ValueSource(booleans = {false, true})
    void streamTableJoin(boolean exactlyOnce) {
        Run memory = join(exactlyOnce, Stores::inMemoryKeyValueStore);
        Run pagebox = join(exactlyOnce, this::pagebox);
        assertThat(pagebox.outputs).isNotEmpty().isEqualTo(memory.outputs);
        assertThat(pagebox.contents).isNotEmpty().isEqualTo(memory.contents);
    }

    private Run join(boolean exactlyOnce, Function<String, KeyValueBytesStoreSupplier> stores) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table(
                "users",
                Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String>as(stores.apply("users"))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()));
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
                .join(users, (page, region) -> region + ":" + page)
                .to("enriched", Produced.with(Serdes.String(), Serdes.String()));
        Random random = new Random(11);
        try (TopologyTestDriver driver = driver(builder.build(), exactlyOnce)) {
            TestInputTopic<String, String> userTopic =
                    driver.createInputTopic("users", new StringSerializer(), new StringSerializer());
            TestInputTopic<String, String> clickTopic =
                    driver.createInputTopic("clicks", new StringSerializer(), new StringSerializer());
            for (int i = 0; i < 800; i++) {
                String user = "user-" + random.nextInt(40);
                if (random.nextInt(4) == 0) {
                    userTopic.pipeInput(user, random.nextInt(8) == 0 ? null : "region-" + random.nextInt(5));
                } else {
                    clickTopic.pipeInput(user, "/page/" + random.nextInt(20));
                }
            }
            TestOutputTopic<String, String> enriched = driver.createOutputTopic(
                    "enriched", Serdes.String().deserializer(), Serdes.String().deserializer());
            List<String> outputs = new ArrayList<>();
            enriched.readKeyValuesToList().forEach(entry -> outputs.add(entry.key + "=" + entry.value));
            return new Run(outputs, contents(driver.getKeyValueStore("users")));
        }
    }

    @ParameterizedTest(name = "exactlyOnce={0}")
    @ValueSource(booleans = {false, true})
    void aggregationWithRangeAndPrefixQueries(boolean exactlyOnce) {
        Run memory = aggregation(exactlyOnce, Stores::inMemoryKeyValueStore);
        Run pagebox = aggregation(exactlyOnce, this::pagebox);
        assertThat(pagebox.outputs).isNotEmpty().isEqualTo(memory.outputs);
        assertThat(pagebox.contents).isNotEmpty().isEqualTo(memory.contents);
    }

    /**
     * Sums amounts per {@code customer|item} in a store the processor reads back with a prefix scan (the
     * customer's total) and a range (the items from "b" to "d"), emitting both after every record; the test then
     * queries the store through the driver with a range, a reverse range and a prefix scan.
     */
    private Run aggregation(boolean exactlyOnce, Function<String, KeyValueBytesStoreSupplier> stores) {
        Topology topology = new Topology();
        topology.addSource(
                "orders", Serdes.String().deserializer(), Serdes.Long().deserializer(), "orders");
        topology.addProcessor("sum", Summing::new, "orders");
        topology.addStateStore(
                Stores.keyValueStoreBuilder(stores.apply("sums"), Serdes.String(), Serdes.Long())
                        .withCachingEnabled(),
                "sum");
        topology.addSink(
                "totals",
                "totals",
                Serdes.String().serializer(),
                Serdes.String().serializer(),
                "sum");
        Random random = new Random(13);
        try (TopologyTestDriver driver = driver(topology, exactlyOnce)) {
            TestInputTopic<String, Long> orders = driver.createInputTopic(
                    "orders", new StringSerializer(), Serdes.Long().serializer());
            for (int i = 0; i < 700; i++) {
                String customer = "c" + random.nextInt(12);
                String item = String.valueOf((char) ('a' + random.nextInt(6)));
                orders.pipeInput(customer + "|" + item, (long) random.nextInt(100) - 10);
            }
            TestOutputTopic<String, String> totals = driver.createOutputTopic(
                    "totals", Serdes.String().deserializer(), Serdes.String().deserializer());
            List<String> outputs = new ArrayList<>();
            totals.readKeyValuesToList().forEach(entry -> outputs.add(entry.key + "=" + entry.value));
            KeyValueStore<String, Long> sums = driver.getKeyValueStore("sums");
            outputs.add("range " + list(sums.range("c1|", "c3|z")));
            outputs.add("reverse " + list(sums.reverseRange("c10|a", "c2|c")));
            outputs.add("prefix " + list(sums.prefixScan("c1", new StringSerializer())));
            outputs.add("count " + sums.approximateNumEntries());
            return new Run(outputs, contents(sums));
        }
    }

    /** The processor of {@link #aggregation}. */
    private static final class Summing implements Processor<String, Long, String, String> {
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, Long> sums;

        @Override
        public void init(ProcessorContext<String, String> processorContext) {
            this.context = processorContext;
            this.sums = processorContext.getStateStore("sums");
        }

        @Override
        public void process(Record<String, Long> order) {
            Long sum = sums.get(order.key());
            long updated = (sum == null ? 0 : sum) + order.value();
            if (updated < 0) {
                sums.delete(order.key());
            } else {
                sums.put(order.key(), updated);
            }
            String customer = order.key().substring(0, order.key().indexOf('|') + 1);
            long total = 0;
            try (KeyValueIterator<String, Long> items = sums.prefixScan(customer, new StringSerializer())) {
                while (items.hasNext()) {
                    total += items.next().value;
                }
            }
            List<String> middle = list(sums.range(customer + "b", customer + "d"));
            context.forward(order.withKey(customer).withValue(total + " " + middle));
        }
    }

    private static <V> List<String> list(KeyValueIterator<String, V> iterator) {
        List<String> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> entries.add(entry.key + "=" + entry.value));
        }
        return entries;
    }

    private static <V> List<String> contents(KeyValueStore<String, V> store) {
        return list(store.all());
    }

    private KeyValueBytesStoreSupplier pagebox(String name) {
        return PageboxStores.persistentKeyValueStore(name, StoreFixtures.smallOptions());
    }

    private TopologyTestDriver driver(Topology topology, boolean exactlyOnce) {
        return new TopologyTestDriver(
                topology,
                StoreFixtures.driverProperties("differential", stateDir.resolve("run-" + runs++), exactlyOnce));
    }

    /** What one run produced. */
    private record Run(List<String> outputs, List<String> contents) {}
}
