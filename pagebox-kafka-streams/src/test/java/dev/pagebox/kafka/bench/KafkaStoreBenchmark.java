/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The Kafka Streams store benchmark: one KRaft broker in this JVM, the input written once, then for each engine
 * (RocksDB with Kafka's bounded-memory configuration, Pagebox with the same budget) a child JVM that processes the
 * whole input ({@link KafkaStoreBenchmarkApp} {@code process}) and, after its state directory is deleted, a child
 * JVM that restores the store from the changelog ({@code restore}). Prints each child's result line and a table.
 *
 * <p>Options ({@code --name value}): {@code records} (10000000), {@code keys} (records / 2), {@code value-bytes}
 * (100), {@code budget-mib} (64), {@code partitions} (2), {@code heap-mib} (384), {@code engines}
 * (rocksdb,pagebox), {@code dir} (target/kafka-store-bench). Run it with {@code pagebox-kafka-streams/bench}.
 */
public final class KafkaStoreBenchmark {
    private KafkaStoreBenchmark() {}

    @SuppressWarnings("try") // KafkaClusterTestKit.close() may throw InterruptedException; main lets it
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long records = Long.parseLong(options.getOrDefault("records", "10000000"));
        long keys = Long.parseLong(options.getOrDefault("keys", Long.toString(records / 2)));
        int valueBytes = Integer.parseInt(options.getOrDefault("value-bytes", "100"));
        long budget = Long.parseLong(options.getOrDefault("budget-mib", "64")) << 20;
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "2"));
        int heapMib = Integer.parseInt(options.getOrDefault("heap-mib", "384"));
        List<String> engines =
                List.of(options.getOrDefault("engines", "rocksdb,pagebox").split(","));
        Path directory =
                Path.of(options.getOrDefault("dir", "target/kafka-store-bench")).toAbsolutePath();
        delete(directory);
        Files.createDirectories(directory);
        System.out.printf(
                "records=%d keys=%d valueBytes=%d budgetMiB=%d partitions=%d heapMiB=%d engines=%s%n",
                records, keys, valueBytes, budget >> 20, partitions, heapMib, engines);

        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(directory.resolve("kafka"))
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "2")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = cluster.admin()) {
                admin.createTopics(List.of(new NewTopic(KafkaStoreBenchmarkApp.INPUT, partitions, (short) 1)))
                        .all()
                        .get(1, TimeUnit.MINUTES);
            }
            long produceStart = System.nanoTime();
            produce(cluster.bootstrapServers(), records, keys, valueBytes);
            System.out.printf("produced %d records in %.1f s%n", records, (System.nanoTime() - produceStart) / 1e9);

            List<String> rows = new ArrayList<>();
            for (String engine : engines) {
                Path stateDir = directory.resolve("state-" + engine);
                Map<String, String> process =
                        child("process", engine, cluster.bootstrapServers(), stateDir, records, budget, heapMib);
                delete(stateDir);
                Map<String, String> restore =
                        child("restore", engine, cluster.bootstrapServers(), stateDir, records, budget, heapMib);
                rows.add(String.format(
                        "| %s | %s | %s | %s | %s | %s | %s | %s |",
                        engine,
                        process.get("recordsPerSecond"),
                        process.get("processSeconds"),
                        process.get("peakRssMiB"),
                        process.get("stateMiB"),
                        restore.get("restored"),
                        restore.get("restoreSeconds"),
                        restore.get("peakRssMiB")));
            }
            System.out.println();
            System.out.println("| engine | records/s | process s | peak RSS MiB (process) | state on disk MiB "
                    + "| restored records | restore s | peak RSS MiB (restore) |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
        }
    }

    private static void produce(String bootstrap, long records, long keys, int valueBytes) {
        SplittableRandom random = new SplittableRandom(10);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "1",
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 << 10),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                byte[] value = new byte[valueBytes];
                random.nextBytes(value);
                String key = String.format("key-%010d", random.nextLong(keys));
                producer.send(new ProducerRecord<>(KafkaStoreBenchmarkApp.INPUT, key, value));
            }
            producer.flush();
        }
    }

    private static Map<String, String> child(
            String mode, String engine, String bootstrap, Path stateDir, long records, long budget, int heapMib)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xms" + heapMib + "m",
                "-Xmx" + heapMib + "m",
                "-XX:+AlwaysPreTouch",
                "-cp",
                System.getProperty("java.class.path"),
                KafkaStoreBenchmarkApp.class.getName(),
                mode,
                engine,
                bootstrap,
                stateDir.toString(),
                Long.toString(records),
                Long.toString(budget));
        builder.redirectError(
                stateDir.resolveSibling(engine + "-" + mode + ".err").toFile());
        Process process = builder.start();
        Map<String, String> result = new LinkedHashMap<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    System.out.println(mode + ": " + line);
                    for (String field : line.substring("RESULT ".length()).split(" ")) {
                        String[] pair = field.split("=", 2);
                        result.put(pair[0], pair[1]);
                    }
                }
            }
        }
        if (process.waitFor() != 0 || result.isEmpty()) {
            throw new IllegalStateException(engine + " " + mode + " failed; see its .err file");
        }
        return result;
    }

    public static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
