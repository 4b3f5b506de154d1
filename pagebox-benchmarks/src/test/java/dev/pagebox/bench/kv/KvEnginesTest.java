/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered adapter honours the {@link KvEngine} contract the driver relies on. */
class KvEnginesTest {
    private static final int RECORDS = 2000;
    private static final long BUDGET = 8L << 20;

    @TempDir
    Path directory;

    static Stream<KvEngineType> engines() {
        return KvEngines.available().stream();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void putGetAndScanRoundTrip(KvEngineType type) {
        try (KvEngine engine = type.open(new EngineConfig(directory, BUDGET, false, 4))) {
            for (int i = 0; i < RECORDS; i++) {
                engine.put(key(i), value(i, 0));
            }
            byte[] buffer = new byte[64];
            for (int i = 0; i < RECORDS; i++) {
                int length = engine.get(key(i), buffer);
                assertThat(Arrays.copyOf(buffer, length)).isEqualTo(value(i, 0));
            }
            assertThat(engine.get(key(RECORDS + 1), buffer)).isEqualTo(-1);

            engine.put(key(5), value(5, 1));
            assertThat(Arrays.copyOf(buffer, engine.get(key(5), buffer))).isEqualTo(value(5, 1));
            byte[] tooSmall = new byte[3];
            assertThat(engine.get(key(5), tooSmall)).isEqualTo(value(5, 1).length);
            assertThat(tooSmall).isEqualTo(Arrays.copyOf(value(5, 1), 3));

            assertScanMatchesSortedKeys(engine, key(17), 50);
            assertScanMatchesSortedKeys(engine, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, 10);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void persistentEnginesKeepAcknowledgedWritesAcrossReopen(KvEngineType type) {
        if (!type.persistent()) {
            return;
        }
        try (KvEngine engine = type.open(new EngineConfig(directory, BUDGET, true, 2))) {
            for (int i = 0; i < 100; i++) {
                engine.put(key(i), value(i, 3));
            }
        }
        try (KvEngine engine = type.open(new EngineConfig(directory, BUDGET, false, 2))) {
            byte[] buffer = new byte[64];
            for (int i = 0; i < 100; i++) {
                assertThat(Arrays.copyOf(buffer, engine.get(key(i), buffer))).isEqualTo(value(i, 3));
            }
            assertThat(engine.onDiskBytes()).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void callersMayReuseTheirArraysAfterAPut(KvEngineType type) {
        try (KvEngine engine = type.open(new EngineConfig(directory, BUDGET, false, 1))) {
            byte[] key = key(1);
            byte[] value = value(1, 0);
            engine.put(key, value);
            Arrays.fill(value, (byte) 0);
            Arrays.fill(key, (byte) 0);
            byte[] buffer = new byte[64];
            assertThat(Arrays.copyOf(buffer, engine.get(key(1), buffer))).isEqualTo(value(1, 0));
        }
    }

    @Test
    void registryNamesItsEnginesAndRejectsUnknownOnes() {
        assertThat(KvEngines.available())
                .extracting(KvEngineType::name)
                .containsExactly("pagebox", "pagebox-direct", "rocksdb", "lmdb", "mvstore", "skiplist");
        assertThat(KvEngines.byName("RocksDB")).isSameAs(RocksDbEngine.TYPE);
        assertThatThrownBy(() -> KvEngines.byName("nope")).hasMessageContaining("rocksdb");
    }

    private static void assertScanMatchesSortedKeys(KvEngine engine, byte[] start, int count) {
        TreeSet<byte[]> all = new TreeSet<>(Arrays::compareUnsigned);
        for (int i = 0; i < RECORDS; i++) {
            all.add(key(i));
        }
        List<byte[]> expected = all.tailSet(start, true).stream().limit(count).toList();
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        int visited = engine.scan(start, count, (k, v) -> {
            keys.add(bytes(k));
            values.add(bytes(v));
        });
        assertThat(visited).isEqualTo(expected.size());
        assertThat(keys).containsExactlyElementsOf(expected);
        for (int i = 0; i < keys.size(); i++) {
            long record = ByteBuffer.wrap(keys.get(i)).getLong() ^ 0x5555_5555_5555_5555L;
            assertThat(values.get(i)).isEqualTo(value(record, record == 5 ? 1 : 0));
        }
    }

    /** Keys scattered over the key space, as the driver's hashed keys are. */
    private static byte[] key(long record) {
        return ByteBuffer.allocate(8).putLong(record ^ 0x5555_5555_5555_5555L).array();
    }

    private static byte[] value(long record, int version) {
        return ByteBuffer.allocate(24)
                .order(ByteOrder.BIG_ENDIAN)
                .putLong(record)
                .putLong(version)
                .putLong(record * 31 + version)
                .array();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
