/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.metrics.PageboxMeterBinder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
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
    void runWhenMetricsDisabledShouldBackOff() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("management.metrics.enable.pagebox=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PageboxMeterBinder.class);
                    assertThat(context.getBean(MeterRegistry.class)
                                    .find("pagebox.wal.bytes")
                                    .meter())
                            .isNull();
                });
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
