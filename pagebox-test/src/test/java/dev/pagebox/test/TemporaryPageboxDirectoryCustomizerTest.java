/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.testing.SmallStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/** The customizer on a plain Spring context, step by step. */
class TemporaryPageboxDirectoryCustomizerTest {

    @Test
    void directoryShouldBeDeletedOnlyAfterTheStoresClosed() throws IOException {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        new TemporaryPageboxDirectoryCustomizer().customizeContext(context, null);
        context.register(StoreConfiguration.class);
        context.refresh();
        Path directory = context.getBean(PageboxTestDirectory.class).path();
        Pagebox store = context.getBean(Pagebox.class);
        assertThat(store.stats().directory()).isEqualTo(directory);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isNotEmpty();
        }

        context.close();

        assertThat(directory).doesNotExist();
        assertThat(StoreConfiguration.closedCleanly)
                .as("the store closed before its files went")
                .isTrue();
    }

    @Test
    void theTestsOwnPropertiesShouldWinAndTheApplicationsShouldNot() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        var sources = context.getEnvironment().getPropertySources();
        sources.addFirst(new MapPropertySource("Inlined Test Properties", Map.of("other", "x")));
        sources.addLast(new MapPropertySource("applicationConfig", Map.of("pagebox.data-directory", "/app")));

        new TemporaryPageboxDirectoryCustomizer().customizeContext(context, null);

        List<String> names = sources.stream().map(PropertySource::getName).toList();
        assertThat(names.indexOf(TemporaryPageboxDirectoryCustomizer.PROPERTY_SOURCE))
                .isEqualTo(names.indexOf("Inlined Test Properties") + 1)
                .isLessThan(names.indexOf("applicationConfig"));
        Path directory = Path.of(context.getEnvironment().getProperty("pagebox.data-directory"));
        assertThat(directory).isEmptyDirectory();
        context.refresh();
        context.close();
        assertThat(directory).doesNotExist();
    }

    @Test
    void customizersShouldBeEqualSoTheyDoNotSplitTheContextCache() {
        assertThat(new TemporaryPageboxDirectoryCustomizer())
                .isEqualTo(new TemporaryPageboxDirectoryCustomizer())
                .hasSameHashCodeAs(new TemporaryPageboxDirectoryCustomizer());
        assertThat(new TemporaryPageboxDirectoryContextCustomizerFactory()
                        .createContextCustomizer(TemporaryPageboxDirectoryCustomizerTest.class, List.of()))
                .as("not annotated")
                .isNull();
    }

    /** A store on the temporary directory and a bean that writes to it while being destroyed. */
    @Configuration(proxyBeanMethods = false)
    static class StoreConfiguration {
        static volatile boolean closedCleanly;

        @Bean
        Pagebox pagebox(Environment environment) {
            PageboxOptions options = SmallStores.options(32).build();
            return Pagebox.open(Path.of(environment.getRequiredProperty("pagebox.data-directory")), options);
        }

        @Bean
        DisposableBean lastWriter(Pagebox pagebox) {
            return () -> {
                pagebox.tree("t").put("k".getBytes(StandardCharsets.UTF_8), new byte[] {1});
                closedCleanly = true;
            };
        }
    }
}
