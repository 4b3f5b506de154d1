/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.kv;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.RocksObject;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * RocksDB (rocksdbjni) configured the way a careful user would hold it to a memory budget: one LRU block cache
 * of the budget that also holds index and filter blocks, and memtables charged to that same cache through a
 * {@link WriteBufferManager}, so block cache plus memtables stay near the budget. Bloom filters of 10 bits per
 * key. Compression is off because the benchmark's values are random bytes, which only cost CPU to compress.
 * Durable puts use {@code WriteOptions.sync = true} (RocksDB groups concurrent synced writes itself); other
 * puts go to the write-ahead log without a sync.
 */
public final class RocksDbEngine implements KvEngine {
    /** The registry entry. */
    public static final KvEngineType TYPE = new KvEngineType("rocksdb", true, true, RocksDbEngine::open);

    private static final long MAX_WRITE_BUFFER = 64L << 20;
    private static final long MIN_WRITE_BUFFER = 1L << 20;

    private final Path directory;
    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    /** Native handles to close after the database, in reverse creation order. */
    private final Deque<RocksObject> resources;

    private RocksDbEngine(Path directory, RocksDB db, WriteOptions writeOptions, Deque<RocksObject> resources) {
        this.directory = directory;
        this.db = db;
        this.writeOptions = writeOptions;
        this.readOptions = new ReadOptions();
        this.resources = resources;
        resources.push(readOptions);
    }

    /**
     * Opens or creates a RocksDB store.
     *
     * @param config where and how
     * @return the open store
     */
    public static RocksDbEngine open(EngineConfig config) {
        RocksDB.loadLibrary();
        Deque<RocksObject> resources = new ArrayDeque<>();
        try {
            Files.createDirectories(config.directory());
            long budget = config.cacheBudgetBytes();
            LRUCache cache = push(resources, new LRUCache(budget));
            WriteBufferManager writeBuffers = push(resources, new WriteBufferManager(budget / 4, cache));
            BlockBasedTableConfig table = new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setCacheIndexAndFilterBlocks(true)
                    .setPinL0FilterAndIndexBlocksInCache(true)
                    .setFilterPolicy(push(resources, new BloomFilter(10)));
            Options options = push(resources, new Options())
                    .setCreateIfMissing(true)
                    .setTableFormatConfig(table)
                    .setWriteBufferManager(writeBuffers)
                    .setWriteBufferSize(Math.clamp(budget / 8, MIN_WRITE_BUFFER, MAX_WRITE_BUFFER))
                    .setCompressionType(CompressionType.NO_COMPRESSION)
                    .setMaxBackgroundJobs(2);
            WriteOptions writeOptions = push(resources, new WriteOptions().setSync(config.durable()));
            RocksDB db = RocksDB.open(options, config.directory().toString());
            return new RocksDbEngine(config.directory(), db, writeOptions, resources);
        } catch (Exception e) {
            resources.forEach(RocksObject::close);
            throw new IllegalStateException("cannot open RocksDB in " + config.directory(), e);
        }
    }

    private static <T extends RocksObject> T push(Deque<RocksObject> resources, T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB put failed", e);
        }
    }

    @Override
    public void putBatch(byte[][] keys, byte[][] values, int count) {
        try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
            for (int i = 0; i < count; i++) {
                batch.put(keys[i], values[i]);
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB batch write failed", e);
        }
    }

    @Override
    public int get(byte[] key, byte[] valueBuffer) {
        try {
            int length = db.get(readOptions, key, valueBuffer);
            return length == RocksDB.NOT_FOUND ? -1 : length;
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB get failed", e);
        }
    }

    @Override
    public int scan(byte[] startKey, int count, ScanConsumer consumer) {
        try (RocksIterator iterator = db.newIterator(readOptions)) {
            int visited = 0;
            for (iterator.seek(startKey); visited < count && iterator.isValid(); iterator.next()) {
                consumer.accept(ByteBuffer.wrap(iterator.key()), ByteBuffer.wrap(iterator.value()));
                visited++;
            }
            iterator.status();
            return visited;
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB scan failed", e);
        }
    }

    @Override
    public long onDiskBytes() {
        return DirectorySize.of(directory);
    }

    @Override
    public void close() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
            db.closeE();
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB close failed", e);
        } finally {
            resources.forEach(RocksObject::close);
        }
    }
}
