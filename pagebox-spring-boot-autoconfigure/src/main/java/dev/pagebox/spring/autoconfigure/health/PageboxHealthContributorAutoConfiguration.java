/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.health;

import dev.pagebox.Pagebox;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.health.PageboxHealthIndicator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code pagebox} health contributor, when Boot's health support is present and
 * {@code management.health.pagebox.enabled} is not false. As for several {@code DataSource}s: one store gives the
 * {@code pagebox} indicator, several give a {@code pagebox} composite with one indicator per store, named after its
 * bean.
 */
@AutoConfiguration(after = PageboxAutoConfiguration.class)
@ConditionalOnClass({Pagebox.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(Pagebox.class)
@ConditionalOnEnabledHealthIndicator("pagebox")
public final class PageboxHealthContributorAutoConfiguration
        extends CompositeHealthContributorConfiguration<PageboxHealthIndicator, Pagebox> {

    PageboxHealthContributorAutoConfiguration() {
        super(PageboxHealthIndicator::new);
    }

    @Bean
    @ConditionalOnMissingBean(name = {"pageboxHealthIndicator", "pageboxHealthContributor"})
    HealthContributor pageboxHealthContributor(ConfigurableListableBeanFactory beanFactory) {
        return createContributor(beanFactory, Pagebox.class);
    }
}
