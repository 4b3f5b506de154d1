/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.spring.health.IoFailureRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of a Pagebox store: a {@link Pagebox} bean opened from the {@code pagebox.*}
 * {@link PageboxProperties} and any {@link PageboxOptionsCustomizer}s, one {@link dev.pagebox.PageboxTree} bean per
 * name in {@code pagebox.trees}, and a {@link PageboxLifecycle} that checkpoints and closes the store at shutdown
 * once the web server has drained its requests. A {@link Pagebox} bean of the application's own replaces the
 * auto-configured one; the tree beans and the lifecycle then use it.
 */
@AutoConfiguration
@ConditionalOnClass(Pagebox.class)
@EnableConfigurationProperties(PageboxProperties.class)
@Import(PageboxTreeRegistrar.class)
public final class PageboxAutoConfiguration {
    private static final Log LOG = LogFactory.getLog(PageboxAutoConfiguration.class);

    PageboxAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(Pagebox.class)
    PageboxLifecycle pageboxLifecycle(Pagebox pagebox) {
        return new PageboxLifecycle(pagebox);
    }

    /** The store, unless the application defines its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Pagebox.class)
    static class PageboxStoreConfiguration {

        @Bean
        IoFailureRecorder pageboxIoFailureRecorder() {
            return new IoFailureRecorder();
        }

        @Bean(destroyMethod = "close")
        Pagebox pagebox(
                PageboxProperties properties,
                ObjectProvider<PageboxOptionsCustomizer> customizers,
                IoFailureRecorder failures) {
            PageboxOptions.Builder builder = properties.toOptionsBuilder();
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            PageboxOptions options = builder.build();
            // Watch the channel factory in effect, which a customizer may have replaced (tests inject faults).
            options = options.toBuilder()
                    .channels(failures.wrap(options.channels()))
                    .build();
            LOG.info("Opening Pagebox store in "
                    + properties.getDataDirectory().toAbsolutePath().normalize());
            return Pagebox.open(properties.getDataDirectory(), options);
        }
    }
}
