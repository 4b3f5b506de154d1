/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import dev.pagebox.DiskFullException;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.testing.FaultInjectingFileSystem;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageboxMeterBinderTest {
    /** Enough 200-byte values to fill the 32-frame test pool several times over. */
    private static final int ENTRIES = 3_000;

    @TempDir
    Path directory;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldRegisterEveryMeterWithTheStoreTag() {
        try (Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options())) {
            new PageboxMeterBinder(pagebox, "orders").bindTo(registry);

            List<String> names = registry.getMeters().stream()
                    .map(meter -> meter.getId().getName())
                    .distinct()
                    .toList();
            assertThat(names)
                    .contains(
                            "pagebox.buffer.hits",
                            "pagebox.buffer.faults",
                            "pagebox.buffer.evictions",
                            "pagebox.buffer.pages",
                            "pagebox.wal.bytes",
                            "pagebox.wal.flushes",
                            "pagebox.checkpoints",
                            "pagebox.checkpoint.duration");
            assertThat(registry.getMeters())
                    .allSatisfy(
                            meter -> assertThat(meter.getId().getTag("store")).isEqualTo("orders"));
            assertThat(registry.get("pagebox.buffer.pages").gauges()).hasSize(4);
        }
    }

    @Test
    void stateGaugesShouldBeOneForTheStatesTheStoreIsInHealthyDiskFullThenClosed() {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(3);
        Pagebox pagebox = Pagebox.open(
                directory,
                SmallStoreProperties.options().toBuilder().channels(files).build());
        new PageboxMeterBinder(pagebox, "orders").bindTo(registry);
        assertThat(registry.get("pagebox.state").gauges()).hasSize(4);
        assertThat(states()).isEqualTo(Map.of("healthy", 1.0, "disk_full", 0.0, "fenced", 0.0, "closed", 0.0));

        files.failWhen(
                FaultInjectingFileSystem.Operation.WRITE,
                path -> path.getFileName().toString().startsWith("wal-"),
                FaultInjectingFileSystem.diskFull());
        assertThatThrownBy(() -> pagebox.tree("t").put(key(1), new byte[10], CommitMode.STRICT))
                .isInstanceOf(DiskFullException.class);

        assertThat(states()).isEqualTo(Map.of("healthy", 0.0, "disk_full", 1.0, "fenced", 0.0, "closed", 0.0));
        files.clearFaults();
        pagebox.close();
        assertThat(states()).isEqualTo(Map.of("healthy", 0.0, "disk_full", 0.0, "fenced", 0.0, "closed", 1.0));
    }

    private Map<String, Double> states() {
        Map<String, Double> states = new HashMap<>();
        for (Gauge gauge : registry.get("pagebox.state").gauges()) {
            states.put(gauge.getId().getTag("state"), gauge.value());
        }
        return states;
    }

    @Test
    void severalStoresShouldEachHaveTheirOwnMeters(@TempDir Path other) {
        try (Pagebox orders = Pagebox.open(directory, SmallStoreProperties.options());
                Pagebox users = Pagebox.open(other, SmallStoreProperties.options())) {
            users.tree("u").put(key(1), new byte[10]);
            users.sync();
            new PageboxMeterBinder(Map.of("orders", orders, "users", users), Duration.ZERO, System::nanoTime)
                    .bindTo(registry);

            assertThat(registry.get("pagebox.wal.records").functionCounters()).hasSize(2);
            assertThat(registry.get("pagebox.wal.records")
                            .tag("store", "users")
                            .functionCounter()
                            .count())
                    .isEqualTo(users.stats().log().records());
            assertThat(registry.get("pagebox.wal.records")
                            .tag("store", "orders")
                            .functionCounter()
                            .count())
                    .isEqualTo(orders.stats().log().records())
                    .isLessThan(users.stats().log().records());
        }
    }

    @Test
    void metersShouldMoveWhenTheStoreIsUsed() {
        try (Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options())) {
            new PageboxMeterBinder(Map.of("store", pagebox), Duration.ZERO, System::nanoTime).bindTo(registry);
            double walBytes = counter("pagebox.wal.bytes");
            double flushes = counter("pagebox.wal.flushes");
            double checkpoints = counter("pagebox.checkpoints");
            assertThat(counter("pagebox.buffer.evictions")).isZero();

            PageboxTree tree = pagebox.tree("t");
            for (int i = 0; i < ENTRIES; i++) {
                tree.put(key(i), new byte[200], CommitMode.NONE);
            }
            pagebox.sync();
            assertThat(gauge("pagebox.wal.since.checkpoint")).isPositive();
            pagebox.checkpoint();
            for (int i = 0; i < ENTRIES; i++) {
                assertThat(tree.get(key(i))).hasSize(200);
            }

            assertThat(counter("pagebox.wal.bytes")).isGreaterThan(walBytes + ENTRIES * 200.0);
            assertThat(counter("pagebox.wal.records")).isGreaterThanOrEqualTo(ENTRIES);
            assertThat(counter("pagebox.wal.flushes")).isGreaterThan(flushes);
            assertThat(counter("pagebox.checkpoints"))
                    .isGreaterThan(checkpoints)
                    .isEqualTo(pagebox.stats().checkpoints().count());
            assertThat(counter("pagebox.buffer.evictions")).isPositive();
            assertThat(counter("pagebox.buffer.faults")).isPositive();
            assertThat(counter("pagebox.buffer.hits")).isPositive();
            assertThat(counter("pagebox.buffer.writes")).isPositive();
            assertThat(gauge("pagebox.wal.unsynced")).isZero();
            assertThat(registry.get("pagebox.buffer.pages").gauges().stream()
                            .mapToDouble(Gauge::value)
                            .sum())
                    .isEqualTo(SmallStoreProperties.FRAMES);
            assertThat(registry.get("pagebox.checkpoint.age").timeGauge().value(TimeUnit.MILLISECONDS))
                    .isNotNaN()
                    .isNotNegative();
        }
    }

    private double counter(String name) {
        FunctionCounter counter = registry.get(name).functionCounter();
        return counter.count();
    }

    private double gauge(String name) {
        Meter meter = registry.get(name).meter();
        return ((Gauge) meter).value();
    }

    private static byte[] key(int i) {
        return String.format("key-%06d", i).getBytes(StandardCharsets.UTF_8);
    }
}
