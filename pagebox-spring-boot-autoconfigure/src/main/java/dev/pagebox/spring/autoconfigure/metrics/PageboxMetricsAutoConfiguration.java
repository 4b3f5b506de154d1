/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.metrics;

import dev.pagebox.Pagebox;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.autoconfigure.PageboxOptionsCustomizer;
import dev.pagebox.spring.autoconfigure.PageboxProperties;
import dev.pagebox.spring.metrics.PageboxMeterBinder;
import dev.pagebox.spring.metrics.PageboxSyncMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of the {@code pagebox.*} meters, when Micrometer and a {@link MeterRegistry} are present.
 * {@code management.metrics.enable.pagebox=false}, which makes Boot drop the meters, also leaves the binder out.
 */
@AutoConfiguration(
        after = PageboxAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass({Pagebox.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnSingleCandidate(Pagebox.class)
@ConditionalOnBooleanProperty(name = "management.metrics.enable.pagebox", matchIfMissing = true)
public final class PageboxMetricsAutoConfiguration {

    PageboxMetricsAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    PageboxMeterBinder pageboxMeterBinder(Pagebox pagebox) {
        return new PageboxMeterBinder(pagebox, storeTag(pagebox.stats().directory()));
    }

    /** Sync latency and group-commit size, fed by the store's log as it syncs. */
    @Bean
    @ConditionalOnMissingBean
    PageboxSyncMeters pageboxSyncMeters(PageboxProperties properties) {
        return new PageboxSyncMeters(storeTag(properties.getDataDirectory()));
    }

    /**
     * Makes the auto-configured store report its syncs to {@link PageboxSyncMeters}. First in order, so a
     * customizer of the application that sets a listener of its own replaces it.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    PageboxOptionsCustomizer pageboxSyncMetersCustomizer(PageboxSyncMeters meters) {
        return options -> options.logSyncListener(meters);
    }

    /** The {@code store} tag: the data directory's name. */
    private static String storeTag(Path directory) {
        Path name = directory.toAbsolutePath().normalize().getFileName();
        return name == null ? "pagebox" : name.toString();
    }
}
