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
import java.util.concurrent.locks.ReentrantLock;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * LMDB through lmdbjava: one write transaction per put, one read transaction per get or scan.
 *
 * <p><b>No cache budget.</b> LMDB reads straight from a memory map of its data file, so its only cache is the
 * OS page cache, shared with every other process and bounded by no LMDB setting. The cache budget is ignored;
 * the reports mark LMDB as not cache-bounded, and under the pressure regime it can keep as much of the data
 * resident as the machine's free memory allows.
 *
 * <p>Durable puts use LMDB's default commit (the data and meta pages are synced before {@code commit}
 * returns). Otherwise the environment opens with {@code MDB_NOSYNC | MDB_NOMETASYNC} and syncs on close.
 * {@code MDB_NOTLS} ties read transactions to the transaction object rather than the OS thread, which virtual
 * threads need. LMDB admits one writer at a time; writers queue on a Java lock first so that a virtual thread
 * waiting for its turn unmounts instead of blocking its carrier inside LMDB's mutex.
 */
public final class LmdbEngine implements KvEngine {
    /** The registry entry. */
    public static final KvEngineType TYPE = new KvEngineType("lmdb", true, false, LmdbEngine::open);

    /** Address space only: LMDB grows the file as pages are used, never to the map size. */
    private static final long MAP_SIZE = 1L << 38;

    private static final int MAX_KEY_BYTES = 511;
    private static final int MAX_VALUE_BYTES = 1 << 16;

    private final Path directory;
    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> dbi;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteBuffer writeKey = ByteBuffer.allocateDirect(MAX_KEY_BYTES);
    private final ByteBuffer writeValue = ByteBuffer.allocateDirect(MAX_VALUE_BYTES);
    private final ThreadLocal<ByteBuffer> readKeys =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_KEY_BYTES));

    private LmdbEngine(Path directory, Env<ByteBuffer> env) {
        this.directory = directory;
        this.env = env;
        this.dbi = env.openDbi("ycsb", DbiFlags.MDB_CREATE);
    }

    /**
     * Opens or creates an LMDB environment.
     *
     * @param config where and how; the cache budget is ignored (see the class comment)
     * @return the open store
     */
    public static LmdbEngine open(EngineConfig config) {
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.directory(), e);
        }
        EnvFlags[] flags = config.durable()
                ? new EnvFlags[] {EnvFlags.MDB_NOTLS}
                : new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOMETASYNC};
        Env<ByteBuffer> env = Env.create()
                .setMapSize(MAP_SIZE)
                .setMaxDbs(1)
                .setMaxReaders(Math.max(126, 2 * config.maxThreads() + 8))
                .open(config.directory().toFile(), flags);
        return new LmdbEngine(config.directory(), env);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        writeLock.lock();
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            dbi.put(txn, fill(writeKey, key), fill(writeValue, value));
            txn.commit();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void putBatch(byte[][] keys, byte[][] values, int count) {
        writeLock.lock();
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            for (int i = 0; i < count; i++) {
                dbi.put(txn, fill(writeKey, keys[i]), fill(writeValue, values[i]));
            }
            txn.commit();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public int get(byte[] key, byte[] valueBuffer) {
        ByteBuffer keyBuffer = fill(readKeys.get(), key);
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            ByteBuffer value = dbi.get(txn, keyBuffer);
            if (value == null) {
                return -1;
            }
            int length = value.remaining();
            value.get(valueBuffer, 0, Math.min(length, valueBuffer.length));
            return length;
        }
    }

    @Override
    public int scan(byte[] startKey, int count, ScanConsumer consumer) {
        ByteBuffer keyBuffer = fill(readKeys.get(), startKey);
        try (Txn<ByteBuffer> txn = env.txnRead();
                Cursor<ByteBuffer> cursor = dbi.openCursor(txn)) {
            int visited = 0;
            for (boolean found = cursor.get(keyBuffer, GetOp.MDB_SET_RANGE);
                    found && visited < count;
                    found = cursor.next()) {
                consumer.accept(cursor.key().asReadOnlyBuffer(), cursor.val().asReadOnlyBuffer());
                visited++;
            }
            return visited;
        }
    }

    private static ByteBuffer fill(ByteBuffer buffer, byte[] bytes) {
        return buffer.clear().put(bytes).flip();
    }

    @Override
    public long onDiskBytes() {
        return DirectorySize.of(directory);
    }

    @Override
    public void close() {
        env.sync(true);
        env.close();
    }
}
