/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Creates the context's temporary directory, points {@code pagebox.data-directory} at it (below the test's own
 * properties, above the application's) and registers the {@link PageboxTestDirectory} bean that deletes it. All
 * instances are equal: the annotation does not make a context a different one, so it does not split the cache.
 */
final class TemporaryPageboxDirectoryCustomizer implements ContextCustomizer {
    /** The property source's name. */
    static final String PROPERTY_SOURCE = "pageboxTestDirectory";

    /** Property sources of the test itself, which win over the temporary directory, highest first. */
    private static final List<String> TEST_SOURCES =
            List.of("commandLineArgs", "Dynamic Test Properties", "Inlined Test Properties");

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
        Path directory;
        try {
            directory = Files.createTempDirectory("pagebox-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary Pagebox directory", e);
        }
        PropertySource<?> source =
                new MapPropertySource(PROPERTY_SOURCE, Map.of("pagebox.data-directory", directory.toString()));
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        String below = null;
        for (PropertySource<?> existing : sources) {
            if (TEST_SOURCES.contains(existing.getName())) {
                below = existing.getName();
            }
        }
        if (below == null) {
            sources.addFirst(source);
        } else {
            sources.addAfter(below, source);
        }
        if (context instanceof BeanDefinitionRegistry registry) {
            registry.registerBeanDefinition(
                    PageboxTestDirectory.BEAN_NAME,
                    new RootBeanDefinition(PageboxTestDirectory.class, () -> new PageboxTestDirectory(directory)));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TemporaryPageboxDirectoryCustomizer;
    }

    @Override
    public int hashCode() {
        return TemporaryPageboxDirectoryCustomizer.class.hashCode();
    }
}
