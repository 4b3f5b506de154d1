/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.testing.SmallStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSyncListenerTest {
    @TempDir
    Path directory;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theListenerHearsOfEverySyncAndEveryRecordItMadeDurable() {
        AtomicLong syncs = new AtomicLong();
        AtomicLong records = new AtomicLong();
        AtomicLong shortest = new AtomicLong(Long.MAX_VALUE);
        LogSyncListener listener = (nanos, group) -> {
            syncs.incrementAndGet();
            records.addAndGet(group);
            shortest.accumulateAndGet(nanos, Math::min);
        };
        PageboxOptions options =
                SmallStores.options(32).logSyncListener(listener).build();
        try (Pagebox store = Pagebox.open(directory, options)) {
            PageboxTree tree = store.tree("t");
            for (int i = 0; i < 50; i++) {
                tree.put(bytes("k" + i), bytes("v" + i)); // STRICT: each returns after a sync ...
                assertThat(syncs.get())
                        .as("... which the listener heard of before the put returned")
                        .isEqualTo(store.stats().log().syncs());
            }
            store.sync();

            PageboxStats.Log log = store.stats().log();
            assertThat(syncs.get())
                    .as("calls = the log's sync count")
                    .isEqualTo(log.syncs())
                    .isPositive();
            assertThat(records.get())
                    .as("group sizes add up to the records appended")
                    .isEqualTo(log.records());
            assertThat(log.records()).isGreaterThanOrEqualTo(50);
            assertThat(shortest.get()).isPositive();
        }
    }

    @Test
    void aFailingListenerNeitherStopsCommitsNorFencesTheStore() {
        AtomicLong calls = new AtomicLong();
        LogSyncListener failing = (nanos, group) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener broke");
        };
        try (Pagebox store = Pagebox.open(
                directory, SmallStores.options(32).logSyncListener(failing).build())) {
            PageboxTree tree = store.tree("t");
            for (int i = 0; i < 20; i++) {
                tree.put(bytes("k" + i), bytes("v" + i));
            }
            assertThat(calls.get()).as("called on every sync, failure or not").isGreaterThanOrEqualTo(20);
            assertThat(store.isHealthy()).isTrue();
        }
        try (Pagebox reopened = Pagebox.open(directory, SmallStores.options(32).build())) {
            assertThat(reopened.tree("t").get(bytes("k19"))).isEqualTo(bytes("v19"));
        }
    }
}
