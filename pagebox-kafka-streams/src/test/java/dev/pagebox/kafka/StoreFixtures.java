/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.PageboxOptions;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;

/** Small stores and contexts for tests. */
final class StoreFixtures {
    static final String APPLICATION = "app";

    private StoreFixtures() {}

    /** Options with a small pool and no background sweep, so tests stay small and deterministic. */
    static PageboxStoreOptions smallOptions() {
        return PageboxStoreOptions.builder()
                .pagebox(PageboxOptions.builder()
                        .poolSize(8L << 20)
                        .pageSize(4096)
                        .walSegmentSize(4L << 20)
                        .walBufferSize(1 << 20)
                        .checkpointWalSize(4L << 20)
                        .build())
                .sweepInterval(Duration.ZERO)
                .build();
    }

    /** The task directory of a task under {@code stateDir}. */
    static Path taskDirectory(Path stateDir, TaskId task) {
        return stateDir.resolve(APPLICATION).resolve(task.toString());
    }

    /** A store context for a task, with the given extra configuration. */
    static StateStoreContext context(Path stateDir, TaskId task, Properties extra) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.putAll(extra);
        Path taskDirectory = taskDirectory(stateDir, task);
        taskDirectory.toFile().mkdirs();
        MockProcessorContext<Object, Object> context =
                new MockProcessorContext<>(properties, task, taskDirectory.toFile());
        return context.getStateStoreContext();
    }

    /**
     * The context of {@link #context} seen as Kafka's internal processor context, which Kafka's in-memory window
     * store insists on: the state store calls go to the context, the record's metadata is absent, anything else
     * fails.
     */
    static StateStoreContext internalContext(StateStoreContext context) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getName().equals("recordMetadata") && method.getParameterCount() == 0) {
                return Optional.empty();
            }
            Method target;
            try {
                target = StateStoreContext.class.getMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                if (method.getDeclaringClass() == Object.class) {
                    return method.invoke(context, arguments);
                }
                throw new UnsupportedOperationException("not in the test context: " + method);
            }
            try {
                return target.invoke(context, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (StateStoreContext) Proxy.newProxyInstance(
                StoreFixtures.class.getClassLoader(), new Class<?>[] {InternalProcessorContext.class}, handler);
    }

    /**
     * The configuration of a {@code TopologyTestDriver} run: its own state directory, a 64 KiB record cache, and
     * exactly-once with transactional state stores if asked.
     */
    static Properties driverProperties(String application, Path stateDir, boolean exactlyOnce) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, application);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64 << 10);
        if (exactlyOnce) {
            properties.putAll(transactional());
        }
        return properties;
    }

    /** Properties for exactly-once with transactional state stores. */
    static Properties transactional() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        return properties;
    }

    /** Properties for exactly-once without transactional state stores. */
    static Properties exactlyOnce() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return properties;
    }

    /** Opens a Pagebox store of task 0_0 under {@code stateDir}. */
    static PageboxKeyValueStore open(String name, Path stateDir, Properties extra) {
        return open(name, stateDir, new TaskId(0, 0), extra);
    }

    static PageboxKeyValueStore open(String name, Path stateDir, TaskId task, Properties extra) {
        PageboxKeyValueStore store = new PageboxKeyValueStore(name, smallOptions());
        init(store, stateDir, task, extra);
        return store;
    }

    static void init(StateStore store, Path stateDir, TaskId task, Properties extra) {
        store.init(context(stateDir, task, extra), store);
    }

    /** Drains and closes an iterator. */
    static List<KeyValue<Bytes, byte[]>> drain(KeyValueIterator<Bytes, byte[]> iterator) {
        try (iterator) {
            List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>();
            iterator.forEachRemaining(entries::add);
            return entries;
        }
    }

    static Bytes key(String text) {
        return Bytes.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static byte[] value(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
