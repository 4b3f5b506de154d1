/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.test;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Gives the test classes annotated {@link TemporaryPageboxDirectory} a {@link TemporaryPageboxDirectoryCustomizer}. */
final class TemporaryPageboxDirectoryContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configurationAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, TemporaryPageboxDirectory.class)
                ? new TemporaryPageboxDirectoryCustomizer()
                : null;
    }
}
