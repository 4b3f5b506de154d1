/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxTree;
import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.spring.TwoStores;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.autoconfigure.endpoint.PageboxEndpointAutoConfiguration;
import dev.pagebox.spring.endpoint.PageboxBackupEndpoint.BackupDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code pageboxbackup} endpoint in a context: where backups go, what they hold, when it refuses. */
class PageboxBackupEndpointTest {
    private static final int ENTRIES = 300;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(PageboxAutoConfiguration.class, PageboxEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=pageboxbackup");

    @TempDir
    Path directory;

    @TempDir
    Path backups;

    @Test
    void backupShouldOpenAsAStoreHoldingWhatWasWrittenBefore() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users", "pagebox.backup.directory=" + backups)
                .run(context -> {
                    PageboxTree users = context.getBean("users", PageboxTree.class);
                    for (int i = 0; i < ENTRIES; i++) {
                        users.put(bytes("user-" + i), bytes("value-" + i));
                    }
                    Pagebox pagebox = context.getBean(Pagebox.class);
                    long endBefore = pagebox.stats().log().durableLsn();

                    BackupDescriptor backup = context.getBean(PageboxBackupEndpoint.class)
                            .backup()
                            .backups()
                            .get("pagebox");
                    users.put(bytes("after"), bytes("the backup"));

                    Path target = Path.of(backup.target());
                    assertThat(target.getParent()).isEqualTo(backups);
                    assertThat(target.getFileName().toString()).matches("pagebox-\\d{8}T\\d{6}\\.\\d{3}Z");
                    assertThat(backup.endLsn()).isGreaterThanOrEqualTo(endBefore);
                    assertThat(backup.dataBytes()).isPositive();
                    assertThat(pagebox.isHealthy()).isTrue();
                    try (Pagebox copy = Pagebox.open(target, SmallStoreProperties.options())) {
                        PageboxTree copied = copy.tree("users");
                        for (int i = 0; i < ENTRIES; i++) {
                            assertThat(copied.get(bytes("user-" + i))).isEqualTo(bytes("value-" + i));
                        }
                        assertThat(copied.get(bytes("after"))).isNull();
                    }
                });
    }

    @Test
    void backupWithoutADirectoryShouldBeRefusedWritingNothing() {
        runner.withPropertyValues(SmallStoreProperties.of(directory)).run(context -> {
            PageboxBackupEndpoint endpoint = context.getBean(PageboxBackupEndpoint.class);
            List<Path> storeFiles = list(directory);

            assertThatThrownBy(endpoint::backup)
                    .isInstanceOf(PageboxBackupEndpoint.NotConfiguredException.class)
                    .hasMessageContaining("set pagebox.backup.directory");
            WebEndpointResponse<Object> response =
                    context.getBean(PageboxBackupEndpointWebExtension.class).backup("pagebox");

            assertThat(response.getStatus()).isEqualTo(409);
            assertThat(response.getBody()).isInstanceOfSatisfying(PageboxEndpointError.class, error -> {
                assertThat(error.error()).isEqualTo("backup-not-configured");
                assertThat(error.message()).startsWith("no backup was made: set pagebox.backup.directory");
            });
            assertThat(list(directory)).isEqualTo(storeFiles);
        });
    }

    @Test
    void readOnlyStoreShouldBeBackedUp() {
        try (Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options())) {
            pagebox.tree("users").put(bytes("ada"), bytes("lovelace"));
        }
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.read-only=true", "pagebox.backup.directory=" + backups)
                .run(context -> {
                    assertThat(context.getBean(Pagebox.class).options().readOnly())
                            .isTrue();

                    WebEndpointResponse<Object> response = context.getBean(PageboxBackupEndpointWebExtension.class)
                            .backup("pagebox");

                    assertThat(response.getStatus()).isEqualTo(200);
                    Path target = Path.of(((BackupDescriptor) response.getBody()).target());
                    try (Pagebox copy = Pagebox.open(target, SmallStoreProperties.options())) {
                        assertThat(copy.tree("users").get(bytes("ada"))).isEqualTo(bytes("lovelace"));
                    }
                });
    }

    @Test
    void severalStoresShouldEachGetTheirOwnBackup(@TempDir Path other) {
        TwoStores.in(runner, directory, other)
                .withPropertyValues("pagebox.backup.directory=" + backups)
                .run(context -> {
                    context.getBean("orders", Pagebox.class).tree("o").put(bytes("order"), bytes("1"));
                    context.getBean("users", Pagebox.class).tree("u").put(bytes("user"), bytes("2"));
                    PageboxBackupEndpoint endpoint = context.getBean(PageboxBackupEndpoint.class);
                    PageboxBackupEndpointWebExtension web = context.getBean(PageboxBackupEndpointWebExtension.class);

                    Map<String, BackupDescriptor> all = endpoint.backup().backups();
                    BackupDescriptor users = endpoint.backup("users");

                    assertThat(all).containsOnlyKeys("orders", "users");
                    assertThat(Path.of(all.get("orders").target()).getFileName().toString())
                            .startsWith("orders-");
                    assertThat(Path.of(users.target()).getFileName().toString()).startsWith("users-");
                    assertThat(list(backups)).hasSize(3);
                    try (Pagebox copy = Pagebox.open(Path.of(users.target()), SmallStoreProperties.options())) {
                        assertThat(copy.trees()).containsExactly("u");
                        assertThat(copy.tree("u").get(bytes("user"))).isEqualTo(bytes("2"));
                    }
                    assertThat(endpoint.backup("nope")).as("404").isNull();
                    assertThat(web.backup("nope").getStatus()).isEqualTo(404);
                    assertThat(list(backups)).hasSize(3);
                });
    }

    @Test
    void backupsBegunInTheSameMillisecondShouldGetTwoDirectories() {
        Clock stopped = Clock.fixed(Instant.parse("2026-05-12T10:15:30.123Z"), ZoneOffset.UTC);
        try (Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options())) {
            PageboxBackupEndpoint endpoint =
                    new PageboxBackupEndpoint(Map.of("my/store", pagebox), backups.resolve("new"), stopped);

            BackupDescriptor first = endpoint.backup("my/store");
            BackupDescriptor second = endpoint.backup("my/store");

            assertThat(first.target())
                    .isEqualTo(
                            backups.resolve("new/my_store-20260512T101530.123Z").toString());
            assertThat(second.target()).isEqualTo(first.target() + "-2");
        }
    }

    @Test
    void directoryInsideAStoreShouldFailStartupNamingTheProperty() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.backup.directory=" + directory.resolve("backups"))
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("pagebox.backup.directory " + directory.resolve("backups")
                                + " is inside the data directory of the Pagebox store 'pagebox' (" + directory
                                + "); backups go outside it, preferably on another device"));
    }

    @Test
    void failedBackupShouldLeaveNoDirectory() throws IOException {
        Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options());
        PageboxBackupEndpoint endpoint = new PageboxBackupEndpoint(Map.of("pagebox", pagebox), backups);
        pagebox.close();

        assertThatThrownBy(() -> endpoint.backup("pagebox")).isInstanceOf(PageboxClosedException.class);
        WebEndpointResponse<Object> response = new PageboxBackupEndpointWebExtension(endpoint).backup();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getBody())
                .isInstanceOfSatisfying(PageboxEndpointError.class, error -> assertThat(error.error())
                        .isEqualTo("closed"));
        assertThat(list(backups)).isEmpty();
    }

    @Test
    void answerShouldBeTheBackupSummaryAsJson() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.backup.directory=" + backups)
                .run(context -> {
                    Object answer = context.getBean(PageboxBackupEndpointWebExtension.class)
                            .backup()
                            .getBody();

                    JsonNode json = JsonMapper.builder().build().valueToTree(answer);

                    JsonNode backup = json.path("backups").path("pagebox");
                    assertThat(backup.path("target").asString()).startsWith(backups + "/pagebox-");
                    assertThat(backup.path("dataBytes").asLong()).isPositive();
                    assertThat(backup.path("logBytes").isNumber()).isTrue();
                    assertThat(backup.path("endLsn").asLong()).isPositive();
                    assertThat(backup.path("duration").asString()).startsWith("PT");
                });
    }

    @Test
    void webExtensionShouldBeRegisteredOnlyForAnEndpointExposedOverHttp() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(PageboxAutoConfiguration.class, PageboxEndpointAutoConfiguration.class))
                .withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=*")
                .run(context -> {
                    assertThat(context).hasSingleBean(PageboxBackupEndpoint.class);
                    assertThat(context).doesNotHaveBean(PageboxBackupEndpointWebExtension.class);
                });
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(PageboxAutoConfiguration.class, PageboxEndpointAutoConfiguration.class))
                .withPropertyValues(SmallStoreProperties.of(directory))
                .run(context -> assertThat(context).doesNotHaveBean(PageboxBackupEndpoint.class));
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
