/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.kv;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link ConcurrentSkipListMap} on the heap: the in-memory bound that a disk-backed engine's resident
 * numbers are measured against. Not persistent, not durable, not held to any budget (it uses the child JVM's
 * heap); the pressure and durable regimes skip it. The directory and budget are ignored.
 */
public final class SkipListEngine implements KvEngine {
    /** The registry entry. */
    public static final KvEngineType TYPE = new KvEngineType("skiplist", false, false, config -> new SkipListEngine());

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

    private SkipListEngine() {}

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key.clone(), value.clone());
    }

    @Override
    public int get(byte[] key, byte[] valueBuffer) {
        return KvEngine.copyOut(map.get(key), valueBuffer);
    }

    @Override
    public int scan(byte[] startKey, int count, ScanConsumer consumer) {
        int visited = 0;
        for (Map.Entry<byte[], byte[]> entry : map.tailMap(startKey, true).entrySet()) {
            if (visited == count) {
                break;
            }
            consumer.accept(
                    ByteBuffer.wrap(entry.getKey()).asReadOnlyBuffer(),
                    ByteBuffer.wrap(entry.getValue()).asReadOnlyBuffer());
            visited++;
        }
        return visited;
    }

    @Override
    public long onDiskBytes() {
        return 0;
    }

    @Override
    public void close() {
        map.clear();
    }
}
