/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of a Pagebox store: a {@link Pagebox} bean opened from the {@code pagebox.*}
 * {@link PageboxProperties} and any {@link PageboxOptionsCustomizer}s, one {@link dev.pagebox.PageboxTree} bean per
 * name in {@code pagebox.trees}, and a {@link PageboxLifecycle} that checkpoints the store when the context stops
 * or pauses, after the web server has drained its requests. The store closes, after a checkpoint, when the context
 * closes. {@link Pagebox} beans of the application's own replace the auto-configured one; the tree beans then use
 * the primary one, the lifecycle, health, meters and endpoint all of them.
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
    @ConditionalOnBean(Pagebox.class)
    PageboxLifecycle pageboxLifecycle(Map<String, Pagebox> stores) {
        return new PageboxLifecycle(stores);
    }

    /** The store, unless the application defines its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Pagebox.class)
    static class PageboxStoreConfiguration {

        @Bean(destroyMethod = "close")
        Pagebox pagebox(PageboxProperties properties, ObjectProvider<PageboxOptionsCustomizer> customizers) {
            PageboxOptions.Builder builder = properties.toOptionsBuilder();
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            PageboxOptions options = builder.build();
            LOG.info("Opening Pagebox store in "
                    + properties.getDataDirectory().toAbsolutePath().normalize());
            return Pagebox.open(properties.getDataDirectory(), options);
        }
    }
}
