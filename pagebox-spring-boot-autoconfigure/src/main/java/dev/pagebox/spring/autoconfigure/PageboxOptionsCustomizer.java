/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import dev.pagebox.PageboxOptions;

/**
 * Adjusts the options of the auto-configured store in code, after the {@code pagebox.*} properties are applied and
 * before the store opens. Customizer beans run in {@link org.springframework.core.annotation.Order @Order} (or
 * {@link org.springframework.core.Ordered}) order; later ones see the changes of earlier ones.
 */
@FunctionalInterface
public interface PageboxOptionsCustomizer {

    /**
     * Adjusts the options.
     *
     * @param options a builder holding the options from the properties and earlier customizers
     */
    void customize(PageboxOptions.Builder options);
}
