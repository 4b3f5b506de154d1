/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.health;

import dev.pagebox.Pagebox;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.health.IoFailureRecorder;
import dev.pagebox.spring.health.PageboxHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code pagebox} health indicator, when Boot's health support is present and
 * {@code management.health.pagebox.enabled} is not false.
 */
@AutoConfiguration(after = PageboxAutoConfiguration.class)
@ConditionalOnClass({Pagebox.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnSingleCandidate(Pagebox.class)
@ConditionalOnEnabledHealthIndicator("pagebox")
public final class PageboxHealthContributorAutoConfiguration {

    PageboxHealthContributorAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean(name = "pageboxHealthIndicator")
    PageboxHealthIndicator pageboxHealthIndicator(Pagebox pagebox, ObjectProvider<IoFailureRecorder> failures) {
        return new PageboxHealthIndicator(pagebox, failures.getIfAvailable());
    }
}
