/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import dev.pagebox.spring.autoconfigure.PageboxLifecycle;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A project with two test setups, as users write them: test class A starts the web server on a random port, B runs
 * without a web server, C has A's setup again. In one JVM, Spring caches A's context, pauses it when B needs
 * another one ({@code spring.test.context.cache.pause=on_context_switch}, the default) and restarts it for C. The
 * store must come back with it: same store, same tree beans, writes and HTTP requests working.
 *
 * <p>The three classes run in this order through the JUnit launcher inside one test, so the order does not depend
 * on how the build tool sorts test classes.
 */
class PausedTestContextsTest {
    // What A saw, for B and C to compare with: the test classes share one JVM, as in a build.
    private static final String LAUNCHED = "dev.pagebox.spring.starter.PausedTestContextsTest#launchedInOrder";

    static ConfigurableApplicationContext webContext;
    static Pagebox webStore;
    static int webPort;

    // Set while this test runs A, B and C; a build that picks the nested classes up on its own skips them.
    private static volatile boolean launched;

    static boolean launchedInOrder() {
        return launched;
    }

    @Test
    void aContextPausedForAnotherSetupShouldRestartWithItsStoreWorking() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(AWebServerTest.class), selectClass(BNoWebServerTest.class))
                .selectors(selectClass(CWebServerAgainTest.class))
                .configurationParameter(
                        "junit.jupiter.testclass.order.default", ClassOrderer.OrderAnnotation.class.getName())
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();

        launched = true;
        try {
            launcher.execute(request, listener);
        } finally {
            launched = false;
        }

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsFailedCount()).as(() -> failures(summary)).isZero();
        assertThat(summary.getContainersFailedCount())
                .as(() -> failures(summary))
                .isZero();
        assertThat(summary.getTestsSucceededCount()).as(() -> failures(summary)).isEqualTo(3);
    }

    private static String failures(TestExecutionSummary summary) {
        StringWriter text = new StringWriter();
        summary.printFailuresTo(new PrintWriter(text), 40);
        return text.toString();
    }

    /** A's and C's setup: the web server on a random port, a data directory of its own per context. */
    @SpringBootTest(classes = NotesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    abstract static class WebServerSetup {
        @DynamicPropertySource
        static void store(DynamicPropertyRegistry registry) throws IOException {
            Path directory = Files.createTempDirectory(Path.of("target"), "web-store");
            registry.add("pagebox.data-directory", directory::toString);
        }

        @LocalServerPort
        int port;

        @Autowired
        ConfigurableApplicationContext context;

        @Autowired
        Pagebox store;

        @Autowired
        NotesApplication.LifecycleEvents events;

        String get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET().build()).body();
        }

        int put(String path, String text) {
            return send(HttpRequest.newBuilder(uri(path))
                            .header("Content-Type", "text/plain")
                            .PUT(HttpRequest.BodyPublishers.ofString(text))
                            .build())
                    .statusCode();
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        private static HttpResponse<String> send(HttpRequest request) {
            try (HttpClient client = HttpClient.newHttpClient()) {
                return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Order(1)
    @EnabledIf(LAUNCHED)
    static class AWebServerTest extends WebServerSetup {
        @Test
        void writesThroughTheWebServer() {
            assertThat(put("/notes/a", "written by A")).isEqualTo(204);
            assertThat(get("/notes/a")).isEqualTo("written by A");

            webContext = context;
            webStore = store;
            webPort = port;
            assertThat(events.paused).hasValue(0);
        }
    }

    @Order(2)
    @EnabledIf(LAUNCHED)
    @SpringBootTest(classes = NotesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
    static class BNoWebServerTest {
        @DynamicPropertySource
        static void store(DynamicPropertyRegistry registry) throws IOException {
            Path directory = Files.createTempDirectory(Path.of("target"), "plain-store");
            registry.add("pagebox.data-directory", directory::toString);
        }

        @Autowired
        Pagebox store;

        @Autowired
        @Qualifier("notes")
        PageboxTree notes;

        @Test
        void runsBesideThePausedWebContext() {
            notes.put(bytes("b"), bytes("written by B"));
            assertThat(store.tree("notes").get(bytes("b"))).isEqualTo(bytes("written by B"));
            assertThat(store).isNotSameAs(webStore);

            // A's context is paused, not closed: its store is checkpointed and stays open for C.
            NotesApplication.LifecycleEvents webEvents = webContext.getBean(NotesApplication.LifecycleEvents.class);
            assertThat(webEvents.paused).hasValue(1);
            assertThat(webContext.getBean(PageboxLifecycle.class).isRunning()).isFalse();
            assertThat(webStore.isHealthy()).isTrue();
            assertThat(webStore.stats().log().bytesSinceCheckpoint()).isZero();
        }
    }

    @Order(3)
    @EnabledIf(LAUNCHED)
    static class CWebServerAgainTest extends WebServerSetup {
        @Test
        void findsTheRestartedContextAndItsStoreWorking() {
            assertThat(context).as("A's cached context").isSameAs(webContext);
            assertThat(events.restarted).hasValue(1);
            assertThat(context.getBean(PageboxLifecycle.class).isRunning()).isTrue();
            assertThat(store).isSameAs(webStore);
            assertThat(port).isEqualTo(webPort);

            assertThat(get("/notes/a")).isEqualTo("written by A");
            assertThat(put("/notes/c", "written by C")).isEqualTo(204);
            assertThat(store.tree("notes").get(bytes("c"))).isEqualTo(bytes("written by C"));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
