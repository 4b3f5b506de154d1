/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pagebox.CommitMode;
import dev.pagebox.DiskFullException;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxState;
import dev.pagebox.PageboxTree;
import dev.pagebox.StoreFailedException;
import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.spring.TwoStores;
import dev.pagebox.spring.autoconfigure.PageboxAutoConfiguration;
import dev.pagebox.spring.autoconfigure.PageboxOptionsCustomizer;
import dev.pagebox.spring.health.PageboxHealthIndicator;
import dev.pagebox.testing.FaultInjectingFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
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
    void runWithSeveralStoresShouldCreateAComponentPerStore(@TempDir Path other) {
        TwoStores.in(runner, directory, other).run(context -> {
            assertThat(context).doesNotHaveBean(PageboxHealthIndicator.class);
            HealthContributor contributor = context.getBean("pageboxHealthContributor", HealthContributor.class);
            assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
            CompositeHealthContributor stores = (CompositeHealthContributor) contributor;
            assertThat(stores.stream().map(HealthContributors.Entry::name))
                    .containsExactlyInAnyOrder("orders", "users");

            Health users = ((HealthIndicator) stores.getContributor("users")).health();
            assertThat(users.getStatus()).isEqualTo(Status.UP);
            assertThat(users.getDetails()).containsEntry("directory", other.toString());
            assertThat(((HealthIndicator) stores.getContributor("orders"))
                            .health()
                            .getDetails())
                    .containsEntry("directory", directory.toString());

            context.getBean("users", Pagebox.class).close();
            assertThat(((HealthIndicator) stores.getContributor("users"))
                            .health()
                            .getStatus())
                    .isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(((HealthIndicator) stores.getContributor("orders"))
                            .health()
                            .getStatus())
                    .isEqualTo(Status.UP);
        });
    }

    @Test
    void runWhenApplicationDefinesAPageboxHealthIndicatorShouldBackOff() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withBean(
                        "pageboxHealthIndicator",
                        HealthIndicator.class,
                        () -> () -> Health.up().build())
                .run(context -> assertThat(context).doesNotHaveBean("pageboxHealthContributor"));
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
                            .contains(directory.resolve("wal").toString())
                            .endsWith("Input/output error");
                });
    }

    @Test
    void runWhenTheDiskIsFullHealthShouldBeDownWithTheCauseAndUpAgainOnceThereIsRoom() {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(8);
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users")
                .withBean(PageboxOptionsCustomizer.class, () -> options -> options.channels(files))
                .run(context -> {
                    PageboxHealthIndicator indicator = context.getBean(PageboxHealthIndicator.class);
                    PageboxTree users = context.getBean("users", PageboxTree.class);
                    users.put(bytes("before"), bytes("ok"), CommitMode.STRICT);

                    FaultInjectingFileSystem.Rule full = files.failWhen(
                            FaultInjectingFileSystem.Operation.WRITE,
                            path -> path.getFileName().toString().startsWith("wal-"),
                            FaultInjectingFileSystem.diskFull());
                    assertThatThrownBy(() -> users.put(bytes("after"), bytes("x"), CommitMode.STRICT))
                            .isInstanceOf(DiskFullException.class);

                    Health health = indicator.health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("state", PageboxState.DISK_FULL);
                    assertThat(String.valueOf(health.getDetails().get("cause")))
                            .contains(directory.resolve("wal").toString())
                            .endsWith("No space left on device");
                    assertThat(users.get(bytes("before"))).as("reads go on").isEqualTo(bytes("ok"));

                    full.remove();
                    await().atMost(Duration.ofSeconds(10))
                            .ignoreException(DiskFullException.class)
                            .until(() -> {
                                users.put(bytes("resumed"), bytes("y"), CommitMode.STRICT);
                                return true;
                            });
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
