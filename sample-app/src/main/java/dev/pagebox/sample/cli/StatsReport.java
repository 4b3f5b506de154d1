/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxStats;
import dev.pagebox.PageboxTree;
import dev.pagebox.PageboxTreeStats;
import dev.pagebox.RecoverySummary;
import java.io.PrintStream;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** {@code kvstore stats}: the store's counters and the tree's shape as {@code name=value} lines. */
final class StatsReport {
    private StatsReport() {}

    static void print(Pagebox store, @Nullable PageboxTree tree, PrintStream out) {
        PageboxStats stats = store.stats();
        line(out, "directory", stats.directory().toAbsolutePath().normalize());
        line(out, "state", stats.state());
        line(out, "read-only", store.options().readOnly());
        line(out, "trees", String.join(",", store.trees()));
        if (tree != null) {
            PageboxTreeStats treeStats = tree.stats();
            line(out, "tree", treeStats.name());
            line(out, "tree.entries", treeStats.entries());
            line(out, "tree.height", treeStats.height());
            line(out, "tree.leaf-pages", treeStats.leafPages());
            line(out, "tree.overflow-pages", treeStats.overflowPages());
            line(out, "tree.fill-factor", String.format(Locale.ROOT, "%.2f", treeStats.fillFactor()));
        }
        PageboxStats.Pool pool = stats.pool();
        line(out, "pool.page-size", pool.pageSize());
        line(out, "pool.frames", pool.frames());
        line(out, "pool.hot-frames", pool.hotFrames());
        line(out, "pool.dirty-frames", pool.dirtyFrames());
        line(out, "pool.hits", pool.hits());
        line(out, "pool.misses", pool.misses());
        line(out, "pool.evictions", pool.evictions());
        PageboxStats.Log log = stats.log();
        line(out, "wal.records", log.records());
        line(out, "wal.bytes", log.bytes());
        line(out, "wal.syncs", log.syncs());
        line(out, "wal.bytes-since-checkpoint", log.bytesSinceCheckpoint());
        line(out, "checkpoints.count", stats.checkpoints().count());
        RecoverySummary recovery = stats.recovery();
        line(out, "recovery.records-replayed", recovery.recordsReplayed());
        line(out, "recovery.pages-repaired", recovery.pagesRepaired());
        line(out, "recovery.tail-cut", recovery.tailCut());
    }

    private static void line(PrintStream out, String name, Object value) {
        out.println(name + "=" + value);
    }
}
