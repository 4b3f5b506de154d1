/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * H2's MVStore with one {@code MVMap<byte[], byte[]>} (unsigned byte order) and a page cache of the budget.
 * The default background auto-commit stays on. A durable put is followed by {@code commit()} and
 * {@code sync()}: the commit writes a new chunk holding the put (or waits for a concurrent one that already
 * holds it) and the sync forces the file, so concurrent durable writers share chunks and syncs.
 */
public final class MvStoreEngine implements KvEngine {
    /** The registry entry. */
    public static final KvEngineType TYPE = new KvEngineType("mvstore", true, true, MvStoreEngine::open);

    private final Path directory;
    private final MVStore store;
    private final MVMap<byte[], byte[]> map;
    private final boolean durable;

    private MvStoreEngine(Path directory, MVStore store, boolean durable) {
        this.directory = directory;
        this.store = store;
        this.durable = durable;
        this.map = store.openMap(
                "ycsb",
                new MVMap.Builder<byte[], byte[]>()
                        .keyType(ByteArrayDataType.INSTANCE)
                        .valueType(ByteArrayDataType.INSTANCE));
    }

    /**
     * Opens or creates an MVStore file {@code data.mv} in the directory.
     *
     * @param config where and how
     * @return the open store
     */
    public static MvStoreEngine open(EngineConfig config) {
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.directory(), e);
        }
        int cacheMegabytes = (int) Math.max(1, config.cacheBudgetBytes() >> 20);
        MVStore store = new MVStore.Builder()
                .fileName(config.directory().resolve("data.mv").toString())
                .cacheSize(cacheMegabytes)
                .open();
        return new MvStoreEngine(config.directory(), store, config.durable());
    }

    @Override
    public void put(byte[] key, byte[] value) {
        // MVStore keeps the arrays it is given; the caller may reuse its own.
        map.put(key.clone(), value.clone());
        if (durable) {
            store.commit();
            store.sync();
        }
    }

    @Override
    public void putBatch(byte[][] keys, byte[][] values, int count) {
        for (int i = 0; i < count; i++) {
            map.put(keys[i].clone(), values[i].clone());
        }
        if (durable) {
            store.commit();
            store.sync();
        }
    }

    @Override
    public int get(byte[] key, byte[] valueBuffer) {
        return KvEngine.copyOut(map.get(key), valueBuffer);
    }

    @Override
    public int scan(byte[] startKey, int count, ScanConsumer consumer) {
        // The cursor keeps its start key; the caller may reuse its array.
        Cursor<byte[], byte[]> cursor = map.cursor(startKey.clone());
        int visited = 0;
        while (visited < count && cursor.hasNext()) {
            byte[] key = cursor.next();
            consumer.accept(
                    ByteBuffer.wrap(key).asReadOnlyBuffer(),
                    ByteBuffer.wrap(cursor.getValue()).asReadOnlyBuffer());
            visited++;
        }
        return visited;
    }

    @Override
    public long onDiskBytes() {
        return DirectorySize.of(directory);
    }

    @Override
    public void close() {
        store.close();
    }
}
