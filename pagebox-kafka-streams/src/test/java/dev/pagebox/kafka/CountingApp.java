/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.PageboxOptions;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The Streams application of {@link KafkaClusterIT}, run in its own JVM so that the test can kill it with
 * SIGKILL: counts the records per key of {@code input} in a Pagebox key-value store, and per key and day in a
 * Pagebox window store (exactly-once, transactional state stores, no cache, so every record emits its key's new
 * counts to {@code output} and, without the window, to {@code windowed-output}). Prints {@code RESTORED <n>} after
 * each restoration and {@code RUNNING} when it runs.
 *
 * <p>Arguments: bootstrap servers, state directory, instance id.
 */
public final class CountingApp {
    static final String APPLICATION = "pagebox-counting";
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final String WINDOWED_OUTPUT = "windowed-output";
    static final String STORE = "counts";
    static final String WINDOW_STORE = "daily-counts";

    private CountingApp() {}

    public static void main(String[] args) throws InterruptedException {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, args[1]);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        properties.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, 1_000_000L);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), args[2]);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 3000);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 500);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 5000);

        PageboxStoreOptions options = PageboxStoreOptions.builder()
                .pagebox(PageboxOptions.builder()
                        .poolSize(16L << 20)
                        .pageSize(4096)
                        .walSegmentSize(8L << 20)
                        .walBufferSize(2 << 20)
                        .checkpointWalSize(8L << 20)
                        .build())
                .build();
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> input = builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()));
        input.groupByKey()
                .count(Materialized.<String, Long>as(PageboxStores.persistentKeyValueStore(STORE, options))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()))
                .toStream()
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.Long()));
        Duration day = Duration.ofDays(1);
        input.groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(day))
                .count(Materialized.<String, Long>as(PageboxStores.persistentTimestampedWindowStore(
                                WINDOW_STORE, day.multipliedBy(2), day, false, options))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()))
                .toStream()
                .map((window, count) -> KeyValue.pair(window.key(), count))
                .to(WINDOWED_OUTPUT, Produced.with(Serdes.String(), Serdes.Long()));

        KafkaStreams streams = new KafkaStreams(builder.build(), properties);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                System.out.println("RESTORE-START " + partition + " " + start + " " + end);
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long end, long restored) {}

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long restored) {
                System.out.println("RESTORED " + restored + " " + partition);
            }
        });
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println("RUNNING");
            } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                System.out.println("STOPPED " + now);
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(10))));
        streams.start();
        stopped.await();
    }
}
