/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxStats;
import dev.pagebox.spring.SmallStoreProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsSnapshotTest {
    @TempDir
    Path directory;

    private final AtomicLong nanos = new AtomicLong(1_000);

    @Test
    void shouldServeOneSnapshotUntilItIsOlderThanTheMaximumAge() {
        try (Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options())) {
            StatsSnapshot snapshot = new StatsSnapshot(pagebox, Duration.ofSeconds(1), nanos::get);
            PageboxStats first = snapshot.get();

            pagebox.tree("t").put(bytes("k"), bytes("v"));
            nanos.addAndGet(Duration.ofMillis(999).toNanos());
            assertThat(snapshot.get()).isSameAs(first);

            nanos.addAndGet(Duration.ofMillis(1).toNanos());
            PageboxStats second = snapshot.get();
            assertThat(second).isNotSameAs(first);
            assertThat(second.log().records()).isGreaterThan(first.log().records());
        }
    }

    @Test
    void shouldKeepTheLastSnapshotOnceTheStoreIsClosed() {
        Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options());
        StatsSnapshot snapshot = new StatsSnapshot(pagebox, Duration.ZERO, nanos::get);
        pagebox.tree("t").put(bytes("k"), bytes("v"));
        PageboxStats beforeClose = snapshot.get();
        pagebox.close();

        nanos.addAndGet(1);
        assertThat(snapshot.get()).isSameAs(beforeClose);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
