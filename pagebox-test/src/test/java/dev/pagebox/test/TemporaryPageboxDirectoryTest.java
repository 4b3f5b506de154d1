/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Test classes as users write them, all on an application whose {@code application.properties} names one data
 * directory: with {@link TemporaryPageboxDirectory} each context gets its own, so contexts that differ open their
 * stores side by side; classes with the same configuration share a context and its directory; a test's own
 * {@code pagebox.data-directory} wins; and a closed context's directory is gone. The classes run in order through
 * the JUnit launcher inside one test.
 */
class TemporaryPageboxDirectoryTest {
    private static final String LAUNCHED = "dev.pagebox.test.TemporaryPageboxDirectoryTest#launchedInOrder";

    private static volatile boolean launched;
    static Path firstDirectory;
    static Pagebox firstStore;
    static Path dirtiedDirectory;
    static Path explicitDirectory;

    static boolean launchedInOrder() {
        return launched;
    }

    @Test
    void eachContextShouldGetItsOwnDirectoryDeletedWhenItCloses() throws IOException {
        explicitDirectory = Files.createTempDirectory(Path.of("target"), "explicit-store-");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(AFirstTest.class), selectClass(BOtherConfigurationTest.class))
                .selectors(selectClass(CExplicitDirectoryTest.class), selectClass(DSameConfigurationTest.class))
                .configurationParameter(
                        "junit.jupiter.testclass.order.default", ClassOrderer.OrderAnnotation.class.getName())
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launched = true;
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            launched = false;
        }

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsSucceededCount()).as(() -> failures(summary)).isEqualTo(4);
        assertThat(dirtiedDirectory).as("deleted when its context closed").doesNotExist();
        assertThat(firstDirectory).as("its context is still cached").isDirectory();
        assertThat(Path.of("target/configured-store"))
                .as("the configured directory")
                .doesNotExist();
    }

    private static String failures(TestExecutionSummary summary) {
        StringWriter text = new StringWriter();
        summary.printFailuresTo(new PrintWriter(text), 40);
        return text.toString();
    }

    @SpringBootTest(classes = NotesTestApplication.class)
    @TemporaryPageboxDirectory
    abstract static class StoreTest {
        @Autowired
        Pagebox store;

        @Autowired
        PageboxTestDirectory directory;

        @Autowired
        @Qualifier("notes")
        PageboxTree notes;

        void write(String key) {
            notes.put(key.getBytes(StandardCharsets.UTF_8), new byte[] {1});
        }
    }

    @Order(1)
    @EnabledIf(LAUNCHED)
    static class AFirstTest extends StoreTest {
        @Test
        void opensAFreshDirectoryInsteadOfTheConfiguredOne() {
            assertThat(store.stats().directory()).isEqualTo(directory.path());
            assertThat(directory.path().getFileName().toString()).startsWith("pagebox-test-");
            assertThat(directory.path()).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(store.recovery().recordsReplayed()).as("a new store").isZero();
            write("a");
            firstDirectory = directory.path();
            firstStore = store;
        }
    }

    @Order(2)
    @EnabledIf(LAUNCHED)
    @SpringBootTest(classes = NotesTestApplication.class, properties = "spring.application.name=other")
    @DirtiesContext
    static class BOtherConfigurationTest extends StoreTest {
        @Test
        void opensItsOwnBesideTheFirstContextsStore() {
            assertThat(directory.path()).isNotEqualTo(firstDirectory);
            assertThat(firstStore.isHealthy())
                    .as("the first context's store, still open")
                    .isTrue();
            write("b");
            assertThat(store.tree("notes").count()).isEqualTo(1);
            dirtiedDirectory = directory.path();
        }
    }

    @Order(3)
    @EnabledIf(LAUNCHED)
    static class CExplicitDirectoryTest extends StoreTest {
        @DynamicPropertySource
        static void store(DynamicPropertyRegistry registry) {
            registry.add("pagebox.data-directory", () -> explicitDirectory.toString());
        }

        @Test
        void usesTheTestsOwnDirectory() {
            assertThat(store.stats().directory()).isEqualTo(explicitDirectory);
        }
    }

    @Order(4)
    @EnabledIf(LAUNCHED)
    static class DSameConfigurationTest extends StoreTest {
        @Test
        void sharesTheFirstContextAndItsDirectory() {
            assertThat(directory.path()).isEqualTo(firstDirectory);
            assertThat(store).isSameAs(firstStore);
            assertThat(notes.get("a".getBytes(StandardCharsets.UTF_8))).isNotNull();
        }
    }
}
