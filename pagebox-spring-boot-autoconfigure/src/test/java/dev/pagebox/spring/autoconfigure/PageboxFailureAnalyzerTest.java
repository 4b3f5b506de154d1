/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CorruptStoreException;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxIoException;
import dev.pagebox.StoreLockedException;
import dev.pagebox.spring.SmallStoreProperties;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

class PageboxFailureAnalyzerTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PageboxAutoConfiguration.class));

    private final PageboxFailureAnalyzer analyzer = new PageboxFailureAnalyzer();

    @TempDir
    Path directory;

    @Test
    void analyzerShouldBeRegisteredForBoot() {
        // Boot's own analyzers need constructor arguments that only Boot supplies; skip them.
        SpringFactoriesLoader.FailureHandler skip =
                SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> {});
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null, skip))
                .hasAtLeastOneElementOfType(PageboxFailureAnalyzer.class);
    }

    @Test
    void lockedDirectoryShouldBeReportedWithTheDirectoryProperty() {
        try (Pagebox holder = Pagebox.open(directory, SmallStoreProperties.options())) {
            FailureAnalysis analysis = analyzeStartup(SmallStoreProperties.of(directory));

            assertThat(analysis.getDescription())
                    .contains("data directory " + directory + " is already open in this JVM")
                    .doesNotContain("only one process");
            assertThat(analysis.getAction())
                    .startsWith("Another Pagebox store in this JVM has " + directory + " open.")
                    .contains("@TemporaryPageboxDirectory", "@TempDir", "@DynamicPropertySource")
                    .contains("pagebox.data-directory")
                    .doesNotContain("Stop the other process");
            assertThat(holder.isHealthy()).isTrue();
        }
    }

    @Test
    void directoryLockedByAnotherProcessShouldTellToStopIt() {
        StoreLockedException failure = new StoreLockedException(directory, "process 1 on elsewhere since 2026-01-01");

        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("context failed", failure));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getAction())
                .startsWith("Stop the other process that has " + directory + " open")
                .contains("pagebox.data-directory")
                .doesNotContain("@TempDir");
    }

    @Test
    void pageSizeMismatchShouldTellToSetThePageSizeProperty() {
        Pagebox.open(directory, SmallStoreProperties.options()).close(); // a store of 4 KiB pages

        FailureAnalysis analysis = analyzeStartup(SmallStoreProperties.of(directory), "pagebox.page-size=8KB");

        assertThat(analysis.getDescription()).contains("page size 4096");
        assertThat(analysis.getAction()).contains("pagebox.page-size").contains("pagebox.data-directory");
    }

    @Test
    void directoryThatCannotBeCreatedShouldBeReported() throws Exception {
        Path file = Files.createFile(directory.resolve("not-a-directory"));

        FailureAnalysis analysis =
                analyzeStartup(SmallStoreProperties.of(directory), "pagebox.data-directory=" + file.resolve("store"));

        assertThat(analysis.getDescription()).contains("cannot create data directory " + file.resolve("store"));
        assertThat(analysis.getAction()).contains("pagebox.data-directory").contains("writable");
    }

    @Test
    void directoryTheSystemRefusesShouldBeReportedOnceWithTheSystemsReason() {
        // procfs refuses to create anything; the JDK reports ENOENT as a NoSuchFileException whose message is the
        // path alone, so the reason must come from its type.
        Path refused = Path.of("/proc/pagebox-" + ProcessHandle.current().pid());
        MockEnvironment environment = new MockEnvironment().withProperty("pagebox.data-directory", refused.toString());

        FailureAnalysis analysis = new PageboxFailureAnalyzer(environment)
                .analyze(
                        captureStartupFailure(SmallStoreProperties.of(directory), "pagebox.data-directory=" + refused));

        assertThat(analysis.getDescription())
                .isEqualTo("Pagebox could not open its store: cannot create data directory " + refused
                        + ": no such file or directory");
        assertThat(analysis.getAction())
                .startsWith("Check that pagebox.data-directory (" + refused + ", from ")
                .contains("mockProperties");
    }

    @Test
    void ioFailureOnAnotherFileShouldNameThatFile() {
        PageboxIoException failure = PageboxIoException.wrap(
                "cannot create data directory /srv/store",
                new java.nio.file.FileSystemException("/srv", null, "Read-only file system"));

        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("context failed", failure));

        assertThat(analysis.getDescription())
                .endsWith("cannot create data directory /srv/store: /srv: read-only file system");
    }

    @Test
    void accessDeniedShouldTellToGrantAccess() {
        // Built by hand: the tests run as root, whom file permissions do not stop.
        PageboxIoException failure = PageboxIoException.wrap(
                "cannot create data directory /srv/store", new AccessDeniedException("/srv/store"));

        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("context failed", failure));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getAction()).contains("read and write access");
        assertThat(analysis.getCause()).isSameAs(failure);
    }

    @Test
    void corruptStoreShouldSuggestVerifyAndRestore() {
        CorruptStoreException failure = new CorruptStoreException("neither header copy of /srv/store/data is valid");

        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("context failed", failure));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("neither header copy");
        assertThat(analysis.getAction()).contains("Pagebox.verify").contains("backup");
    }

    @Test
    void otherFailuresShouldGetBootsDefaultReport() {
        assertThat(analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
    }

    private FailureAnalysis analyzeStartup(String[] properties, String... more) {
        Throwable failure = captureStartupFailure(properties, more);
        FailureAnalysis analysis = analyzer.analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }

    private Throwable captureStartupFailure(String[] properties, String... more) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        runner.withPropertyValues(properties)
                .withPropertyValues(more)
                .run(context -> failure.set(context.getStartupFailure()));
        assertThat(failure.get()).as("startup failure").isNotNull();
        return failure.get();
    }
}
