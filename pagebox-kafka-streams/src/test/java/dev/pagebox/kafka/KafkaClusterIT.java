/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Kafka (one KRaft node in this JVM, on loopback) and {@link CountingApp} in child JVMs with a Pagebox
 * key-value store and a Pagebox window store, under exactly-once with transactional state stores. Every key's
 * counts in both outputs, read committed, must be exactly 1, 2, ..., n after each phase (every input record has the
 * same timestamp, so all of a key's records fall into one daily window):
 * <ol>
 *   <li>the application counts a first batch;
 *   <li>it is killed with SIGKILL while counting a second batch (its Pagebox left as a crash leaves it), restarts
 *       on the same state directory, restores only the changelog's tail (the store kept its committed state), and
 *       finishes;
 *   <li>a second instance joins and takes over partitions, their state following through the changelog;
 *   <li>the first instance is killed and the second takes over everything.
 * </ol>
 */
class KafkaClusterIT {
    private static final int PARTITIONS = 4;
    private static final int KEYS = 200;
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    private KafkaClusterTestKit cluster;
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, Long> outputConsumer;
    private final Map<String, Long> expected = new TreeMap<>();
    private final Map<String, Map<String, List<Long>>> outputs =
            Map.of(CountingApp.OUTPUT, new TreeMap<>(), CountingApp.WINDOWED_OUTPUT, new TreeMap<>());
    private final long timestamp = System.currentTimeMillis();
    private final List<Instance> instances = new ArrayList<>();
    private int produced;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(directory.resolve("kafka"))
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "2")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "2")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("group.min.session.timeout.ms", "1000")
                .setConfigProp("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(CountingApp.INPUT, PARTITIONS, (short) 1),
                            new NewTopic(CountingApp.OUTPUT, PARTITIONS, (short) 1),
                            new NewTopic(CountingApp.WINDOWED_OUTPUT, PARTITIONS, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
        outputConsumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new LongDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            partitions.add(new TopicPartition(CountingApp.OUTPUT, partition));
            partitions.add(new TopicPartition(CountingApp.WINDOWED_OUTPUT, partition));
        }
        outputConsumer.assign(partitions);
        outputConsumer.seekToBeginning(partitions);
    }

    @AfterEach
    void stopCluster() throws Exception {
        for (Instance instance : instances) {
            instance.process.destroyForcibly().waitFor();
        }
        if (producer != null) {
            producer.close();
        }
        if (outputConsumer != null) {
            outputConsumer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void survivesAKillRestoresAndHandsPartitionsOver() throws Exception {
        Instance first = start("first");
        produce(2000);
        awaitExactOutput();

        produce(4000);
        long before = totalOutput();
        await().atMost(PHASE_TIMEOUT).until(() -> {
            poll();
            return totalOutput() > before + 300;
        });
        first.kill();
        first = start("first");
        awaitExactOutput();
        // Kafka Streams decides when it hands a task's offsets to the store, so how long the tail is depends on
        // timing; what must hold is that no partition restored from the changelog's beginning.
        assertThat(first.restoreStarts())
                .as(
                        "the restarted store kept its committed state and restored only the changelog's tail: %s",
                        first.lines)
                .isNotEmpty()
                .allSatisfy(start -> assertThat(start).isPositive());

        Instance second = start("second");
        produce(2000);
        awaitExactOutput();
        assertThat(second.restored())
                .as("the partitions the second instance took over brought their state through the changelog")
                .isPositive();

        first.kill();
        produce(2000);
        awaitExactOutput();
        assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10_000);
    }

    private void produce(int records) throws Exception {
        for (int i = 0; i < records; i++) {
            String key = String.format("k%03d", (produced + i * 7) % KEYS);
            producer.send(new ProducerRecord<>(CountingApp.INPUT, null, timestamp, key, "x"));
            expected.merge(key, 1L, Long::sum);
        }
        producer.flush();
        produced += records;
    }

    private void poll() {
        for (ConsumerRecord<String, Long> record : outputConsumer.poll(Duration.ofMillis(200))) {
            outputs.get(record.topic())
                    .computeIfAbsent(record.key(), key -> new ArrayList<>())
                    .add(record.value());
        }
    }

    /** How many counts the key-value store's output holds. */
    private long totalOutput() {
        return outputs.get(CountingApp.OUTPUT).values().stream()
                .mapToLong(List::size)
                .sum();
    }

    /** Waits until every key's outputs reached its expected count, then checks they are exactly 1..n. */
    private void awaitExactOutput() {
        await().atMost(PHASE_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            poll();
            for (Map<String, List<Long>> output : outputs.values()) {
                for (Map.Entry<String, Long> entry : expected.entrySet()) {
                    List<Long> counts = output.get(entry.getKey());
                    if (counts == null || counts.getLast() < entry.getValue()) {
                        return false;
                    }
                }
            }
            return true;
        });
        poll();
        Map<String, List<Long>> exact = new HashMap<>();
        expected.forEach((key, count) ->
                exact.put(key, LongStream.rangeClosed(1, count).boxed().toList()));
        assertThat(outputs.get(CountingApp.OUTPUT))
                .as("exactly once: every count once, in order")
                .isEqualTo(exact);
        assertThat(outputs.get(CountingApp.WINDOWED_OUTPUT))
                .as("exactly once in the window store too")
                .isEqualTo(exact);
    }

    private Instance start(String id) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stateDir = directory.resolve("state-" + id);
        ProcessBuilder builder = new ProcessBuilder(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CountingApp.class.getName(),
                cluster.bootstrapServers(),
                stateDir.toString(),
                id);
        builder.redirectErrorStream(false);
        Path logs = Path.of("target", "kafka-cluster-it");
        Files.createDirectories(logs);
        builder.redirectError(logs.resolve(id + "-" + instances.size() + ".err").toFile());
        Instance instance = new Instance(builder.start());
        instances.add(instance);
        await().atMost(PHASE_TIMEOUT).until(() -> instance.lines.contains("RUNNING") || !instance.process.isAlive());
        assertThat(instance.process.isAlive()).as("instance %s started", id).isTrue();
        return instance;
    }

    /** A {@link CountingApp} process and the lines it printed. */
    private static final class Instance {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Instance(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("READ FAILED " + e);
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** SIGKILL: the store is left exactly as a crash leaves it. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        /** The offsets each restoration started from: the offsets the store reported as committed. */
        List<Long> restoreStarts() {
            return lines.stream()
                    .filter(line -> line.startsWith("RESTORE-START "))
                    .map(line -> Long.parseLong(line.split(" ")[2]))
                    .toList();
        }

        long restored() {
            return lines.stream()
                    .filter(line -> line.startsWith("RESTORED "))
                    .mapToLong(line -> Long.parseLong(line.split(" ")[1]))
                    .sum();
        }
    }
}
