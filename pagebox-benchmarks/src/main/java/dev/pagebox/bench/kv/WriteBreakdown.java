/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.kv;

import dev.pagebox.PageboxStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Formats Pagebox's device-bound bytes by source for a benchmark's log, in MiB. */
final class WriteBreakdown {
    private WriteBreakdown() {}

    static String describe(PageboxStats stats) {
        PageboxStats.DeviceWrites writes = stats.writes();
        Map<String, Long> sources = new LinkedHashMap<>();
        sources.put("total", writes.total());
        sources.put("log records", writes.logRecordBytes());
        sources.put("log images", writes.logImageBytes());
        sources.put("log block rewrites", writes.logRewriteBytes());
        sources.put("log preparation", writes.logPreparationBytes());
        sources.put("eviction", writes.evictionWriteBytes());
        sources.put("checkpoint", writes.checkpointWriteBytes());
        sources.put("overflow", writes.overflowWriteBytes());
        sources.put("other pages", writes.otherPageBytes());
        sources.put("metadata", writes.metadataBytes());
        sources.put("file extension", writes.fileExtensionBytes());
        String bySource = format(sources);
        String byType = format(writes.logBytesByRecordType());
        return bySource + "; log by record type: " + byType + "; checkpoints "
                + stats.checkpoints().count();
    }

    private static String format(Map<String, Long> bytes) {
        return bytes.entrySet().stream()
                .map(entry -> String.format("%s %.1f MiB", entry.getKey(), entry.getValue() / 1048576.0))
                .collect(Collectors.joining(", "));
    }
}
