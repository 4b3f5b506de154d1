/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.PageboxStats;
import dev.pagebox.kafka.bench.KafkaStoreBenchmark;
import dev.pagebox.kafka.bench.KafkaStoreBenchmarkApp;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The restore path of the Pagebox key-value store alone, without a broker: changelog records as the benchmark's
 * aggregation writes them (keys {@code key-%010d} drawn uniformly, 100-byte values) handed to the restore callback
 * the store registers with Kafka Streams, in batches of {@code max.poll.records} (1000), as Kafka's restore
 * consumer hands them. For profiling (run it under JFR) and for before/after comparisons of the restore path; the
 * end-to-end figures come from {@link KafkaStoreBenchmark}.
 *
 * <p>Options ({@code --name value}): {@code records} (2000000), {@code keys} (records / 2), {@code value-bytes}
 * (100), {@code budget-mib} (32), {@code batch} (1000), {@code restore-buffer-mib} (the store's default, 64; 0 writes
 * each batch as it comes), {@code dir} (target/restore-bench). Prints one line.
 */
public final class RestoreBenchmark {
    private RestoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long records = Long.parseLong(options.getOrDefault("records", "2000000"));
        long keys = Long.parseLong(options.getOrDefault("keys", Long.toString(records / 2)));
        int valueBytes = Integer.parseInt(options.getOrDefault("value-bytes", "100"));
        long budget = Long.parseLong(options.getOrDefault("budget-mib", "32")) << 20;
        int batch = Integer.parseInt(options.getOrDefault("batch", "1000"));
        long restoreBuffer = Long.parseLong(options.getOrDefault(
                        "restore-buffer-mib", Long.toString(PageboxStoreOptions.DEFAULT_RESTORE_BUFFER_SIZE >> 20)))
                << 20;
        Path directory =
                Path.of(options.getOrDefault("dir", "target/restore-bench")).toAbsolutePath();
        KafkaStoreBenchmark.delete(directory);
        Path taskDirectory = directory.resolve("app").resolve("0_0");
        Files.createDirectories(taskDirectory);

        KeyValueStore<Bytes, byte[]> store = PageboxStores.persistentKeyValueStore(
                        "aggregates",
                        PageboxStoreOptions.builder()
                                .poolSize(budget)
                                .restoreBufferSize(restoreBuffer)
                                .build())
                .get();
        AtomicReference<StateRestoreCallback> callback = new AtomicReference<>();
        store.init(capturing(context(directory, taskDirectory), callback), store);
        RecordBatchingStateRestoreCallback restore = (RecordBatchingStateRestoreCallback) callback.get();

        SplittableRandom random = new SplittableRandom(42);
        byte[] value = new byte[valueBytes];
        long started = System.nanoTime();
        List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>(batch);
        for (long offset = 0; offset < records; offset++) {
            byte[] key = key(random.nextLong(keys));
            random.nextBytes(value);
            pending.add(new ConsumerRecord<>("app-aggregates-changelog", 0, offset, key, value.clone()));
            if (pending.size() == batch || offset == records - 1) {
                restore.restoreBatch(pending);
                pending = new ArrayList<>(batch);
            }
        }
        pending.clear();
        store.get(Bytes.wrap(key(0))); // writes what waits in the restore buffer, as the first read after restoring
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        SharedPagebox shared =
                SharedPagebox.acquire(directory.resolve("app").resolve("pagebox"), PageboxStoreOptions.defaults());
        PageboxStats stats = shared.store().stats();
        shared.release();
        store.close();
        System.out.printf(
                "RESULT records=%d keys=%d budgetMiB=%d batch=%d restoreBufferMiB=%d restoreSeconds=%.2f "
                        + "restoredPerSecond=%d cpuSeconds=%.2f misses=%d writeBacks=%d walMiB=%d stateMiB=%d%n",
                records,
                keys,
                budget >> 20,
                batch,
                restoreBuffer >> 20,
                seconds,
                Math.round(records / seconds),
                cpuNanos / 1e9,
                stats.pool().misses(),
                stats.pool().writeBacks(),
                stats.log().bytes() >> 20,
                KafkaStoreBenchmarkApp.directorySize(directory) >> 20);
    }

    /** {@code key-%010d} in ASCII, as the benchmark application's string keys, without a formatter per record. */
    private static byte[] key(long number) {
        byte[] key = "key-0000000000".getBytes(StandardCharsets.US_ASCII);
        long rest = number;
        for (int i = key.length - 1; i >= 4 && rest > 0; i--) {
            key[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return key;
    }

    private static StateStoreContext context(Path directory, Path taskDirectory) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, directory.toString());
        return new MockProcessorContext<>(properties, new TaskId(0, 0), taskDirectory.toFile()).getStateStoreContext();
    }

    /** The context, keeping the restore callback the store registers. */
    private static StateStoreContext capturing(StateStoreContext context, AtomicReference<StateRestoreCallback> kept) {
        return (StateStoreContext) Proxy.newProxyInstance(
                RestoreBenchmark.class.getClassLoader(),
                new Class<?>[] {StateStoreContext.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("register") && arguments.length >= 2) {
                        kept.set((StateRestoreCallback) arguments[1]);
                        return null;
                    }
                    try {
                        return method.invoke(context, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
