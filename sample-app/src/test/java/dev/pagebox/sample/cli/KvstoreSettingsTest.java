/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxOptions;
import dev.pagebox.spring.autoconfigure.PageboxProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The command line reads the app's configuration from the sources the app reads, with Boot's own code. */
class KvstoreSettingsTest {
    @TempDir
    Path config;

    @Test
    void withNothingConfiguredTheSettingsAreTheStartersDefaults() {
        KvstoreSettings settings = read("stats");

        PageboxProperties starter = new PageboxProperties();
        assertThat(settings.directory()).isEqualTo(starter.getDataDirectory());
        assertThat(settings.options()).isEqualTo(starter.toOptionsBuilder().build());
        assertThat(settings.options()).isEqualTo(PageboxOptions.defaults());
        assertThat(settings.commitMode()).isEqualTo(CommitMode.STRICT);
    }

    @Test
    void externalFilesAndProfilesApplyAsInTheApp() throws IOException {
        Files.writeString(
                config.resolve("application.properties"),
                "pagebox.data-directory=/from-file\npagebox.wal.commit-mode=relaxed\npagebox.pool-size=2MB\n");
        Files.writeString(config.resolve("application-dev.properties"), "pagebox.data-directory=/from-profile\n");
        String location = "--spring.config.additional-location=file:" + config + "/";

        KvstoreSettings plain = read(location, "stats");
        assertThat(plain.directory()).isEqualTo(Path.of("/from-file"));
        assertThat(plain.commitMode()).isEqualTo(CommitMode.RELAXED);
        assertThat(plain.options().poolSize()).isEqualTo(2L << 20);

        KvstoreSettings dev = read(location, "--spring.profiles.active=dev", "stats");
        assertThat(dev.directory()).isEqualTo(Path.of("/from-profile"));
        assertThat(dev.options().poolSize()).isEqualTo(2L << 20);
    }

    @Test
    void theCommandLinesOptionsWin() throws IOException {
        Files.writeString(config.resolve("application.properties"), "pagebox.data-directory=/from-file\n");

        KvstoreSettings settings = read(
                "--spring.config.additional-location=file:" + config + "/",
                "--data-dir=/from-option",
                "--sync=none",
                "--pool-size=4MB",
                "stats");

        assertThat(settings.directory()).isEqualTo(Path.of("/from-option"));
        assertThat(settings.commitMode()).isEqualTo(CommitMode.NONE);
        assertThat(settings.options().poolSize()).isEqualTo(4L << 20);
    }

    @Test
    void environmentVariablesBindRelaxedlyAsInTheApp() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(
                                        "PAGEBOX_DATADIRECTORY",
                                        "/from-environment",
                                        "PAGEBOX_WAL_COMMITMODE",
                                        "none")));

        KvstoreSettings settings = KvstoreSettings.read(KvstoreArguments.parse(List.of("stats")), environment);

        assertThat(settings.directory()).isEqualTo(Path.of("/from-environment"));
        assertThat(settings.commitMode()).isEqualTo(CommitMode.NONE);
    }

    @Test
    void aWrongSettingIsNamedWithWhereItWasSet() throws IOException {
        Files.writeString(config.resolve("application.properties"), "# pool\npagebox.pool-size=1KB\n");

        assertThatThrownBy(() -> read("--spring.config.additional-location=file:" + config + "/", "stats"))
                .isInstanceOf(KvstoreArguments.UsageException.class)
                .hasMessageStartingWith("pagebox.pool-size is 1KB but must hold at least 8 pages")
                .hasMessageEndingWith("application.properties] - 2:19)");
        assertThatThrownBy(() -> read("--pagebox.wal.flush-interval=soon", "stats"))
                .isInstanceOf(KvstoreArguments.UsageException.class)
                .hasMessageStartingWith("pagebox.wal.flush-interval=soon")
                .hasMessageContaining("is not valid");
        assertThatThrownBy(() -> read("--pool-size=64KB", "stats"))
                .isInstanceOf(KvstoreArguments.UsageException.class)
                .hasMessageStartingWith("--pool-size is 65536 bytes but must hold at least 8 pages");
    }

    private static KvstoreSettings read(String... args) {
        return KvstoreSettings.read(KvstoreArguments.parse(List.of(args)), new StandardEnvironment());
    }
}
