/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxStats;
import dev.pagebox.PageboxTree;
import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.spring.TwoStores;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.metrics.PageboxMeterBinder;
import dev.pagebox.spring.metrics.PageboxSyncMeters;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PageboxMetricsAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    PageboxAutoConfiguration.class,
                    PageboxMetricsAutoConfiguration.class));

    @TempDir
    Path directory;

    @Test
    void runShouldBindMetersTaggedWithTheDirectoryName() {
        runner.withPropertyValues(SmallStoreProperties.of(directory.resolve("orders-store")))
                .run(context -> {
                    assertThat(context).hasSingleBean(PageboxMeterBinder.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("pagebox.wal.bytes")
                                    .tag("store", "orders-store")
                                    .functionCounter()
                                    .count())
                            .isPositive();
                    double frames = registry.get("pagebox.buffer.pages").tag("store", "orders-store").gauges().stream()
                            .mapToDouble(Gauge::value)
                            .sum();
                    assertThat(frames).isEqualTo(SmallStoreProperties.FRAMES);
                });
    }

    @Test
    void runShouldTimeEverySyncAndRecordItsGroupSize() {
        runner.withPropertyValues(SmallStoreProperties.of(directory.resolve("orders-store")))
                .withPropertyValues("pagebox.trees=orders")
                .run(context -> {
                    PageboxTree orders = context.getBean("orders", PageboxTree.class);
                    Pagebox pagebox = context.getBean(Pagebox.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    Timer syncs = registry.get("pagebox.wal.sync")
                            .tag("store", "orders-store")
                            .timer();
                    DistributionSummary groups = registry.get("pagebox.wal.sync.records")
                            .tag("store", "orders-store")
                            .summary();
                    // Syncs of the start-up (creating the tree) may predate the binding: compare what follows.
                    pagebox.sync();
                    PageboxStats.Log before = pagebox.stats().log();
                    long syncsBefore = syncs.count();
                    double recordsBefore = groups.totalAmount();

                    for (int i = 0; i < 25; i++) {
                        orders.put(("k" + i).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) i}); // STRICT
                    }
                    pagebox.sync();

                    PageboxStats.Log after = pagebox.stats().log();
                    assertThat(syncs.count() - syncsBefore)
                            .isEqualTo(after.syncs() - before.syncs())
                            .isGreaterThanOrEqualTo(25);
                    assertThat(syncs.totalTime(TimeUnit.NANOSECONDS)).isPositive();
                    assertThat(groups.count()).isEqualTo(syncs.count());
                    assertThat((long) (groups.totalAmount() - recordsBefore))
                            .isEqualTo(after.records() - before.records());
                });
    }

    @Test
    void runWithSeveralStoresShouldTagEachStoresMetersWithItsDirectoryName() {
        TwoStores.in(runner, directory.resolve("orders-store"), directory.resolve("users-store"))
                .run(context -> {
                    context.getBean("users", Pagebox.class).tree("u").put(bytes("k"), bytes("v"));
                    MeterRegistry registry = context.getBean(MeterRegistry.class);

                    assertThat(registry.get("pagebox.wal.records").functionCounters())
                            .extracting(counter -> counter.getId().getTag("store"))
                            .containsExactlyInAnyOrder("orders-store", "users-store");
                    assertThat(registry.get("pagebox.buffer.pages")
                                    .tag("store", "users-store")
                                    .gauges())
                            .hasSize(4);
                    assertThat(context).doesNotHaveBean(PageboxSyncMeters.class);
                });
    }

    @Test
    void runWithStoresInDirectoriesOfTheSameNameShouldTagThemWithTheirBeanNames() {
        TwoStores.in(runner, directory.resolve("a/data"), directory.resolve("b/data"))
                .run(context -> assertThat(context.getBean(MeterRegistry.class)
                                .get("pagebox.wal.records")
                                .functionCounters())
                        .extracting(counter -> counter.getId().getTag("store"))
                        .containsExactlyInAnyOrder("orders", "users"));
    }

    @Test
    void runWhenMetricsDisabledShouldBackOff() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("management.metrics.enable.pagebox=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PageboxMeterBinder.class);
                    assertThat(context).doesNotHaveBean(PageboxSyncMeters.class);
                    assertThat(context.getBean(MeterRegistry.class)
                                    .find("pagebox.wal.bytes")
                                    .meter())
                            .isNull();
                });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void runWithoutMicrometerShouldBackOff() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(PageboxAutoConfiguration.class, PageboxMetricsAutoConfiguration.class))
                .withPropertyValues(SmallStoreProperties.of(directory))
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(PageboxMeterBinder.class);
                });
    }
}
