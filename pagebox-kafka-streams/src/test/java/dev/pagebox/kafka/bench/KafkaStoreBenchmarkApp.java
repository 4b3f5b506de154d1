/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka.bench;

import dev.pagebox.kafka.PageboxStoreOptions;
import dev.pagebox.kafka.PageboxStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.Stores;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One run of the benchmark's Streams application in its own JVM, so that its peak RSS is its own: a keyed
 * aggregation (each record's 100-byte value XORed into its key's aggregate) over the input topic, with RocksDB or
 * Pagebox as the store and the same memory budget for either, no record cache (each record is a get and a put).
 *
 * <p>Arguments: {@code process|restore}, {@code rocksdb|pagebox}, bootstrap servers, state directory, records
 * expected, budget in bytes. Prints one {@code RESULT key=value ...} line.
 */
public final class KafkaStoreBenchmarkApp {
    static final String APPLICATION_PREFIX = "store-bench-";
    static final String INPUT = "bench-input";
    static final String STORE = "aggregates";

    private KafkaStoreBenchmarkApp() {}

    public static void main(String[] args) throws Exception {
        boolean restore = args[0].equals("restore");
        String engine = args[1];
        long records = Long.parseLong(args[4]);
        long budget = Long.parseLong(args[5]);
        System.setProperty("bench.budget", Long.toString(budget));

        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_PREFIX + engine);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[2]);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, args[3]);
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        // No record cache: every record reads and writes the store, so the store is what is measured.
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);

        KeyValueBytesStoreSupplier supplier = engine.equals("pagebox")
                ? PageboxStores.persistentKeyValueStore(
                        STORE, PageboxStoreOptions.builder().poolSize(budget).build())
                : Stores.persistentKeyValueStore(STORE);
        AtomicLong processed = new AtomicLong();
        AtomicLong firstNanos = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .peek((key, value) -> {
                    if (processed.getAndIncrement() == 0) {
                        firstNanos.set(System.nanoTime());
                    }
                })
                .groupByKey()
                .reduce(
                        KafkaStoreBenchmarkApp::xor,
                        Materialized.<String, byte[]>as(supplier)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.ByteArray()))
                .toStream()
                .peek((key, value) -> {
                    if (processed.get() >= records) {
                        done.countDown();
                    }
                });

        AtomicLong restored = new AtomicLong();
        AtomicLong restoreStart = new AtomicLong();
        AtomicLong restoreEnd = new AtomicLong();
        KafkaStreams streams = new KafkaStreams(builder.build(), properties);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                restoreStart.compareAndSet(0, System.nanoTime());
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long end, long count) {}

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long count) {
                restored.addAndGet(count);
                restoreEnd.set(System.nanoTime());
            }
        });
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        long start = System.nanoTime();
        streams.start();
        String result;
        if (restore) {
            if (!running.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("never RUNNING");
            }
            double seconds = (restoreEnd.get() - restoreStart.get()) / 1e9;
            result = "restored=" + restored.get() + " restoreSeconds=" + String.format("%.2f", seconds)
                    + " restoredPerSecond=" + Math.round(restored.get() / seconds) + " startToRunningSeconds="
                    + String.format("%.2f", (System.nanoTime() - start) / 1e9);
        } else {
            if (!done.await(60, TimeUnit.MINUTES)) {
                throw new IllegalStateException("processed only " + processed.get());
            }
            double seconds = (System.nanoTime() - firstNanos.get()) / 1e9;
            result = "processed=" + processed.get() + " processSeconds=" + String.format("%.2f", seconds)
                    + " recordsPerSecond=" + Math.round(processed.get() / seconds);
        }
        long peak = peakRss();
        streams.close(CloseOptions.timeout(Duration.ofMinutes(5))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        System.out.println("RESULT engine=" + engine + " " + result + " peakRssMiB=" + (peak >> 20) + " stateMiB="
                + (directorySize(Path.of(args[3])) >> 20));
        System.exit(0);
    }

    private static byte[] xor(byte[] aggregate, byte[] value) {
        byte[] result = aggregate.clone();
        for (int i = 0; i < Math.min(result.length, value.length); i++) {
            result[i] ^= value[i];
        }
        return result;
    }

    /** VmHWM of this process, from /proc. */
    static long peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
            }
        }
        return -1;
    }

    public static long directorySize(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(path -> path.toFile().length())
                    .sum();
        }
    }

    /**
     * RocksDB bounded to the budget as Kafka's memory-management guide does: one block cache for every store of
     * the instance, index and filter blocks in it, and memtables charged to it through a write buffer manager.
     */
    public static final class BoundedRocksDb implements RocksDBConfigSetter {
        private static final long BUDGET = Long.getLong("bench.budget", 64L << 20);
        private static final Cache CACHE = new LRUCache(BUDGET, -1, false, 0.1);
        private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(BUDGET / 4, CACHE);

        @Override
        public void setConfig(String storeName, Options options, Map<String, Object> configs) {
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            table.setBlockCache(CACHE);
            table.setCacheIndexAndFilterBlocks(true);
            table.setCacheIndexAndFilterBlocksWithHighPriority(true);
            table.setPinTopLevelIndexAndFilter(true);
            options.setWriteBufferManager(WRITE_BUFFERS);
            options.setTableFormatConfig(table);
        }

        @Override
        public void close(String storeName, Options options) {}
    }
}
