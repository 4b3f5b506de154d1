/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.endpoint;

import dev.pagebox.Pagebox;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.autoconfigure.PageboxProperties;
import dev.pagebox.spring.endpoint.PageboxBackupEndpoint;
import dev.pagebox.spring.endpoint.PageboxBackupEndpointWebExtension;
import dev.pagebox.spring.endpoint.PageboxEndpoint;
import dev.pagebox.spring.endpoint.PageboxEndpointWebExtension;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Pagebox Actuator endpoints, when Actuator is present and each endpoint is available
 * ({@code management.endpoints.web.exposure.include=pagebox,pageboxbackup} exposes them over HTTP): {@code pagebox}
 * (statistics, checkpoints) and {@code pageboxbackup} (backups under {@code pagebox.backup.directory}), each over
 * every {@link Pagebox} bean of the context.
 */
@AutoConfiguration(after = PageboxAutoConfiguration.class)
@ConditionalOnClass({Pagebox.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(Pagebox.class)
public final class PageboxEndpointAutoConfiguration {

    PageboxEndpointAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(PageboxEndpoint.class)
    PageboxEndpoint pageboxEndpoint(Map<String, Pagebox> stores) {
        return new PageboxEndpoint(stores);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(PageboxEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    PageboxEndpointWebExtension pageboxEndpointWebExtension(PageboxEndpoint endpoint) {
        return new PageboxEndpointWebExtension(endpoint);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(PageboxBackupEndpoint.class)
    PageboxBackupEndpoint pageboxBackupEndpoint(
            Map<String, Pagebox> stores, ObjectProvider<PageboxProperties> properties) {
        PageboxProperties bound = properties.getIfAvailable();
        Path directory = bound == null ? null : bound.getBackup().getDirectory();
        return new PageboxBackupEndpoint(stores, directory);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(PageboxBackupEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    PageboxBackupEndpointWebExtension pageboxBackupEndpointWebExtension(PageboxBackupEndpoint endpoint) {
        return new PageboxBackupEndpointWebExtension(endpoint);
    }
}
