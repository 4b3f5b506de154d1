/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.PageboxStats;
import dev.pagebox.internal.btree.TreeRedo;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.store.StoreWrites;
import dev.pagebox.internal.wal.WalRecordLayout;
import dev.pagebox.internal.wal.WalStats;
import java.util.LinkedHashMap;
import java.util.Map;

/** Puts the log's, the pool's and the page store's write counters together as {@link PageboxStats.DeviceWrites}. */
final class DeviceWriteAccounting {
    private DeviceWriteAccounting() {}

    static PageboxStats.DeviceWrites of(WalStats log, BufferPool pool, StoreWrites store) {
        long[] byType = log.bytesByType();
        Map<String, Long> named = new LinkedHashMap<>();
        for (int type = 0; type < byType.length; type++) {
            if (byType[type] > 0) {
                named.merge(name(type), byType[type], Long::sum);
            }
        }
        long images = byType[TreeRedo.IMAGE];
        long eviction = pool.evictionWriteBytes();
        long checkpoint = pool.checkpointWriteBytes();
        long overflow = store.unloggedPageBytes();
        return new PageboxStats.DeviceWrites(
                log.bytes() - images,
                images,
                Math.max(0, log.writtenBytes() - log.bytes()),
                log.preparedBytes(),
                eviction,
                checkpoint,
                overflow,
                Math.max(0, store.pageBytes() - overflow - eviction - checkpoint),
                store.metadataBytes(),
                store.extensionBytes(),
                named);
    }

    /** Names a log record type: the tree's, the engine's and the log's own. */
    static String name(int type) {
        if (TreeRedo.handles(type)) {
            return TreeRedo.name(type);
        }
        return switch (type) {
            case WalStats.PADDING -> "padding";
            case WalRecordLayout.TYPE_SEGMENT_START -> "segment-start";
            case WalRecordLayout.TYPE_SHUTDOWN -> "shutdown";
            case BatchRecord.TYPE -> "batch";
            case DropRecords.BEGIN -> "drop-begin";
            case DropRecords.PAGES -> "drop-pages";
            case DropRecords.END -> "drop-end";
            case UserMeta.TYPE -> "user-meta";
            default -> "type-" + type;
        };
    }
}
