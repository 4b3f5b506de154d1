/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxState;
import dev.pagebox.PageboxTree;
import dev.pagebox.StoreFailedException;
import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.autoconfigure.PageboxOptionsCustomizer;
import dev.pagebox.spring.health.PageboxHealthIndicator;
import dev.pagebox.testing.FaultInjectingFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PageboxHealthContributorAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PageboxAutoConfiguration.class, PageboxHealthContributorAutoConfiguration.class));

    @TempDir
    Path directory;

    @Test
    void runShouldCreateHealthIndicator() {
        runner.withPropertyValues(SmallStoreProperties.of(directory)).run(context -> {
            Health health = context.getBean(PageboxHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("state", PageboxState.HEALTHY)
                    .containsEntry("directory", directory.toString())
                    .containsKeys("diskFree", "pool", "walBytesSinceCheckpoint", "lastCheckpointAge", "recovery")
                    .doesNotContainKey("cause");
        });
    }

    @Test
    void runWhenHealthDisabledShouldBackOff() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("management.health.pagebox.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PageboxHealthIndicator.class));
    }

    @Test
    void runWithoutBootHealthShouldBackOff() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(PageboxHealthIndicator.class);
                });
    }

    @Test
    void runWhenFsyncFailsHealthShouldBeDownWithTheCause() {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(7);
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users")
                .withBean(PageboxOptionsCustomizer.class, () -> options -> options.channels(files))
                .run(context -> {
                    PageboxHealthIndicator indicator = context.getBean(PageboxHealthIndicator.class);
                    PageboxTree users = context.getBean("users", PageboxTree.class);
                    users.put(bytes("before"), bytes("ok"), CommitMode.STRICT);
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

                    files.failWhen(
                            FaultInjectingFileSystem.Operation.FORCE, path -> true, FaultInjectingFileSystem.ioError());
                    assertThatThrownBy(() -> users.put(bytes("after"), bytes("lost"), CommitMode.STRICT))
                            .isInstanceOf(StoreFailedException.class);

                    Health health = indicator.health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("state", PageboxState.FENCED);
                    assertThat(String.valueOf(health.getDetails().get("cause")))
                            .startsWith("sync of " + directory.resolve("wal"))
                            .endsWith("failed: Input/output error");
                });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
