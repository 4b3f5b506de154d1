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
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of the {@code pagebox.*} meters, when Micrometer and a {@link MeterRegistry} are present: the
 * meters of every {@link Pagebox} bean, each store's tagged {@code store} with its data directory's name (with the
 * bean name instead, for all, if two stores' directories have the same name). The sync timer and group-commit
 * summary are for a context with one store. {@code management.metrics.enable.pagebox=false}, which makes Boot drop
 * the meters, also leaves the binders out.
 */
@AutoConfiguration(
        after = PageboxAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass({Pagebox.class, MeterRegistry.class})
@ConditionalOnBean({MeterRegistry.class, Pagebox.class})
@ConditionalOnBooleanProperty(name = "management.metrics.enable.pagebox", matchIfMissing = true)
public final class PageboxMetricsAutoConfiguration {

    PageboxMetricsAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    PageboxMeterBinder pageboxMeterBinder(Map<String, Pagebox> stores) {
        return new PageboxMeterBinder(storeTags(stores));
    }

    /**
     * The stores by {@code store} tag: each data directory's name, unless two are the same, then the bean names.
     *
     * @param stores the stores by bean name
     * @return the stores by tag
     */
    static Map<String, Pagebox> storeTags(Map<String, Pagebox> stores) {
        Map<String, Pagebox> byDirectory = new LinkedHashMap<>();
        for (Pagebox store : stores.values()) {
            if (byDirectory.put(storeTag(store.stats().directory()), store) != null) {
                return new LinkedHashMap<>(stores);
            }
        }
        return byDirectory;
    }

    /** The {@code store} tag: the data directory's name. */
    static String storeTag(Path directory) {
        Path name = directory.toAbsolutePath().normalize().getFileName();
        return name == null ? "pagebox" : name.toString();
    }

    /** Sync latency and group-commit size of the one store, which the auto-configuration opens. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(Pagebox.class)
    static class PageboxSyncMetersConfiguration {

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
    }
}
