/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import static dev.pagebox.spring.autoconfigure.PageboxAutoConfigurationTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxTree;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.spring.autoconfigure.health.PageboxHealthContributorAutoConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

/** A context whose store is opened read-only: reads through the tree beans, no byte written, clear refusals. */
class PageboxReadOnlyStoreTest {
    private static final int ENTRIES = 200;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PageboxAutoConfiguration.class, PageboxHealthContributorAutoConfiguration.class))
            .withPropertyValues("pagebox.read-only=true");

    @TempDir
    Path directory;

    @Test
    void contextShouldReadThroughItsTreeBeansStopStartAndCloseWithoutWritingAByte() throws IOException {
        writeEntriesLeavingLogToReplay();
        Map<Path, byte[]> before = files();

        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PageboxTree users = context.getBean("users", PageboxTree.class);
                    assertThat(context.getBean(Pagebox.class).recovery().recordsReplayed())
                            .as("recovered in memory")
                            .isPositive();
                    assertThat(users.get(bytes("key-" + (ENTRIES - 1)))).isEqualTo(bytes("value"));
                    assertThatThrownBy(() -> users.put(bytes("k"), bytes("v")))
                            .isInstanceOf(ReadOnlyStoreException.class);

                    context.stop(); // a checkpoint would throw: the lifecycle takes none
                    context.start();

                    assertThat(users.get(bytes("key-0"))).isEqualTo(bytes("value"));
                    Health health = context.getBean("pageboxHealthContributor", HealthIndicator.class)
                            .health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("readOnly", true);
                });

        Map<Path, byte[]> after = files();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach(
                (file, bytes) -> assertThat(after.get(file)).as(file.toString()).isEqualTo(bytes));
    }

    @Test
    void treeTheStoreLacksShouldFailStartupSayingWhatToDo() throws IOException {
        writeEntriesLeavingLogToReplay();

        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users,orders")
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertThat(failure)
                            .rootCause()
                            .isInstanceOf(ReadOnlyStoreException.class)
                            .hasMessage("the Pagebox store in " + directory
                                    + " is open read-only and has no tree 'orders' to create for pagebox.trees");
                    FailureAnalysis analysis = new PageboxFailureAnalyzer().analyze(failure);
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .startsWith("A write to a Pagebox store opened read-only failed at startup: ");
                    assertThat(analysis.getAction())
                            .contains("remove the trees it lacks from pagebox.trees", "pagebox.read-only=false");
                });
    }

    @Test
    void storeThatDoesNotExistShouldFailStartupSayingItMustExist() {
        Path nothing = directory.resolve("nothing");
        MockEnvironment environment = new MockEnvironment()
                .withProperty("pagebox.read-only", "true")
                .withProperty("pagebox.data-directory", nothing.toString());
        runner.withPropertyValues(SmallStoreProperties.of(nothing)).run(context -> {
            FailureAnalysis analysis = new PageboxFailureAnalyzer(environment).analyze(context.getStartupFailure());

            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .isEqualTo("Pagebox could not open its store: cannot open the store in " + nothing + " read-only: "
                            + nothing.resolve("pagebox.pages") + ": no such file or directory");
            assertThat(analysis.getAction())
                    .startsWith("A store opened read-only (pagebox.read-only=true) must exist: set"
                            + " pagebox.data-directory (" + nothing);
            assertThat(nothing).doesNotExist();
        });
    }

    /** 200 entries in {@code users}, closed without a checkpoint: the log holds them for the next open to replay. */
    private void writeEntriesLeavingLogToReplay() {
        PageboxOptions options = SmallStoreProperties.options().toBuilder()
                .checkpointOnClose(false)
                .build();
        try (Pagebox pagebox = Pagebox.open(directory, options)) {
            PageboxTree users = pagebox.tree("users");
            for (int i = 0; i < ENTRIES; i++) {
                users.put(bytes("key-" + i), bytes("value"));
            }
        }
    }

    /** Every file of the store but the lock file, by path. */
    private Map<Path, byte[]> files() throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals("pagebox.lock")) {
                    files.put(directory.relativize(file), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }
}
