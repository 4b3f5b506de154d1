/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.kv;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxTree;
import dev.pagebox.WriteBatch;
import java.nio.file.Path;

/**
 * Pagebox through its public API, one tree. The buffer pool gets the whole cache budget (it is Pagebox's only
 * cache besides the log buffer of a few MiB). Durable puts are {@link CommitMode#STRICT} (group commit);
 * others {@link CommitMode#RELAXED}, durable within the flush interval (5 ms), the nearest match to the peers'
 * unsynced write-ahead logs. {@link #DIRECT_TYPE} reads and writes pages with {@code O_DIRECT}, bypassing the
 * operating system's page cache, so the budget bounds every byte of cached data.
 */
public final class PageboxEngine implements KvEngine {
    /** The registry entry: buffered page I/O. */
    public static final KvEngineType TYPE = new KvEngineType("pagebox", true, true, config -> open(config, false));

    /** The registry entry: page I/O with {@code O_DIRECT}. */
    public static final KvEngineType DIRECT_TYPE =
            new KvEngineType("pagebox-direct", true, true, config -> open(config, true));

    /** The page size: {@code PAGEBOX_PAGE_SIZE} from the environment (the child JVMs inherit it), else the default. */
    static final int PAGE_SIZE = Integer.parseInt(
            System.getenv().getOrDefault("PAGEBOX_PAGE_SIZE", Integer.toString(PageboxOptions.DEFAULT_PAGE_SIZE)));

    private final Path directory;
    private final Pagebox store;
    private final PageboxTree tree;
    private final CommitMode mode;

    private PageboxEngine(Path directory, Pagebox store, CommitMode mode) {
        this.directory = directory;
        this.store = store;
        this.tree = store.tree("ycsb");
        this.mode = mode;
    }

    private static PageboxEngine open(EngineConfig config, boolean directIo) {
        PageboxOptions options = PageboxOptions.builder()
                .pageSize(PAGE_SIZE)
                .poolSize(config.cacheBudgetBytes())
                .directIo(directIo)
                .commitMode(config.durable() ? CommitMode.STRICT : CommitMode.RELAXED)
                .build();
        Pagebox store = Pagebox.open(config.directory(), options);
        try {
            return new PageboxEngine(config.directory(), store, options.commitMode());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        tree.put(key, value, mode);
    }

    @Override
    public void putBatch(byte[][] keys, byte[][] values, int count) {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < count; i++) {
            batch.put(tree, keys[i], values[i]);
        }
        store.write(batch, mode);
    }

    @Override
    public int get(byte[] key, byte[] valueBuffer) {
        return KvEngine.copyOut(tree.get(key), valueBuffer);
    }

    @Override
    public int scan(byte[] startKey, int count, ScanConsumer consumer) {
        if (count <= 0) {
            return 0;
        }
        int[] visited = {0};
        tree.scan(startKey, null, (key, value) -> {
            consumer.accept(key, value);
            return ++visited[0] < count;
        });
        return visited[0];
    }

    @Override
    public long onDiskBytes() {
        return DirectorySize.of(directory);
    }

    @Override
    public void close() {
        store.checkpoint(); // what the close would do, here so that the breakdown below counts it
        System.out.println("pagebox writes by source: " + WriteBreakdown.describe(store.stats()));
        store.close();
    }
}
