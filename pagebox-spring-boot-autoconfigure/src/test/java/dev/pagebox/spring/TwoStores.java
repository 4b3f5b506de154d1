/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring;

import dev.pagebox.Pagebox;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Two stores of the application's own, {@code orders} and {@code users}, as with several DataSources. */
@Configuration(proxyBeanMethods = false)
public class TwoStores {

    /**
     * Adds the two stores, in these directories, to a runner's context.
     *
     * @param runner the runner
     * @param orders the {@code orders} store's directory
     * @param users the {@code users} store's directory
     * @return the runner with the stores
     */
    public static ApplicationContextRunner in(ApplicationContextRunner runner, Path orders, Path users) {
        return runner.withUserConfiguration(TwoStores.class)
                .withBean("ordersDirectory", Path.class, () -> orders)
                .withBean("usersDirectory", Path.class, () -> users);
    }

    @Bean
    Pagebox orders(@Qualifier("ordersDirectory") Path directory) {
        return Pagebox.open(directory, SmallStoreProperties.options());
    }

    @Bean
    Pagebox users(@Qualifier("usersDirectory") Path directory) {
        return Pagebox.open(directory, SmallStoreProperties.options());
    }
}
