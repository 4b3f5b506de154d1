/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.endpoint;

import dev.pagebox.Pagebox;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.endpoint.PageboxEndpoint;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code pagebox} Actuator endpoint, when Actuator is present and the endpoint is
 * available ({@code management.endpoints.web.exposure.include=pagebox} exposes it over HTTP). It lists every
 * {@link Pagebox} bean of the context.
 */
@AutoConfiguration(after = PageboxAutoConfiguration.class)
@ConditionalOnClass({Pagebox.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(Pagebox.class)
@ConditionalOnAvailableEndpoint(PageboxEndpoint.class)
public final class PageboxEndpointAutoConfiguration {

    PageboxEndpointAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    PageboxEndpoint pageboxEndpoint(Map<String, Pagebox> stores) {
        return new PageboxEndpoint(stores);
    }
}
