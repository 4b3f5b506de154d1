/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.CpuPinning;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxTree;
import dev.pagebox.SyncBackend;
import dev.pagebox.spring.SmallStoreProperties;
import dev.pagebox.testing.SmallStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

class PageboxAutoConfigurationTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PageboxAutoConfiguration.class));

    @TempDir
    Path directory;

    @Test
    void runShouldOpenStoreWithOptionsFromProperties() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues(
                        "pagebox.wal.commit-mode=relaxed",
                        "pagebox.wal.flush-interval=20ms",
                        "pagebox.wal.sync-backend=dsync",
                        "pagebox.checkpoint.interval=0s",
                        "pagebox.checkpoint.max-wal-size=2MB",
                        "pagebox.checkpoint.on-shutdown=false",
                        "pagebox.cpu-pinning=0-1")
                .run(context -> {
                    Pagebox pagebox = context.getBean(Pagebox.class);
                    PageboxOptions options = pagebox.options();
                    assertThat(options.poolSize()).isEqualTo(SmallStoreProperties.FRAMES * SmallStores.PAGE_SIZE);
                    assertThat(options.pageSize()).isEqualTo(SmallStores.PAGE_SIZE);
                    assertThat(options.commitMode()).isEqualTo(CommitMode.RELAXED);
                    assertThat(options.flushInterval()).isEqualTo(Duration.ofMillis(20));
                    assertThat(options.walSegmentSize()).isEqualTo(1 << 20);
                    assertThat(options.walBufferSize()).isEqualTo(1 << 20);
                    assertThat(options.syncBackend()).isEqualTo(SyncBackend.DSYNC);
                    assertThat(options.checkpointInterval()).isZero();
                    assertThat(options.checkpointWalSize()).isEqualTo(2 << 20);
                    assertThat(options.checkpointOnClose()).isFalse();
                    assertThat(options.backgroundPinning()).isEqualTo(CpuPinning.cpus("0-1"));
                    assertThat(pagebox.stats().directory()).isEqualTo(directory);
                    assertThat(pagebox.stats().pool().pageSize()).isEqualTo(SmallStores.PAGE_SIZE);
                    assertThat(context).hasSingleBean(PageboxLifecycle.class);
                });
    }

    @Test
    void propertyDefaultsShouldBeTheOptionDefaults() {
        PageboxProperties properties = new PageboxProperties();

        assertThat(properties.toOptionsBuilder().build()).isEqualTo(PageboxOptions.defaults());
        assertThat(properties.getDataDirectory()).isEqualTo(Path.of("./pagebox-data"));
    }

    @Test
    void runShouldExposeConfiguredTreesAsQualifiedBeans() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees=users,orders,users")
                .withUserConfiguration(TreeUserConfiguration.class)
                .run(context -> {
                    assertThat(context).getBeans(PageboxTree.class).containsOnlyKeys("users", "orders");
                    TreeUser user = context.getBean(TreeUser.class);
                    assertThat(user.users.name()).isEqualTo("users");
                    assertThat(user.orders.name()).isEqualTo("orders");

                    user.users.put(bytes("alice"), bytes("admin"));

                    Pagebox pagebox = context.getBean(Pagebox.class);
                    assertThat(pagebox.trees()).containsExactlyInAnyOrder("users", "orders");
                    assertThat(pagebox.tree("users").get(bytes("alice"))).isEqualTo(bytes("admin"));
                    assertThat(pagebox.tree("orders").get(bytes("alice"))).isNull();
                });
    }

    @Test
    void runWhenApplicationDefinesPageboxShouldBackOff() {
        runner.withPropertyValues("pagebox.trees=users")
                .withBean(
                        "ownPagebox",
                        Pagebox.class,
                        () -> Pagebox.open(directory, SmallStoreProperties.options()),
                        definition -> definition.setDestroyMethodName("close"))
                .run(context -> {
                    assertThat(context).hasSingleBean(Pagebox.class).hasBean("ownPagebox");
                    assertThat(context).hasSingleBean(PageboxLifecycle.class);
                    context.getBean("users", PageboxTree.class).put(bytes("k"), bytes("v"));
                    assertThat(context.getBean(Pagebox.class).trees()).containsExactly("users");
                });
    }

    @Test
    void runShouldApplyCustomizersInOrder() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withUserConfiguration(CustomizerConfiguration.class)
                .run(context -> {
                    PageboxOptions options = context.getBean(Pagebox.class).options();
                    assertThat(options.poolSize()).isEqualTo(64L * SmallStores.PAGE_SIZE);
                    assertThat(options.commitMode()).isEqualTo(CommitMode.NONE);
                    assertThat(options.walSegmentSize()).isEqualTo(1 << 20);
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "pagebox.pool-size=1KB                 | 1KB    | pagebox.pool-size is 1KB but must hold at least 8 pages",
                "pagebox.page-size=3KB                 | 3KB    | pagebox.page-size is 3KB but must be a power of two",
                "pagebox.cpu-pinning=banana            | banana | pagebox.cpu-pinning is banana but must be off, auto",
                "pagebox.wal.segment-size=5000B        | 5000B  | pagebox.wal.segment-size is 5000B but must be a multiple",
                "pagebox.wal.flush-interval=2m         | 2m     | pagebox.wal.flush-interval is 2m but must be positive and at most 1m",
                "pagebox.checkpoint.interval=-1s       | -1s    | pagebox.checkpoint.interval is -1s but must not be negative",
                "pagebox.checkpoint.max-wal-size=512KB | 512KB  | pagebox.checkpoint.max-wal-size is 512KB but must be at least"
                        + " pagebox.wal.segment-size (1048576 bytes)"
            })
    void runWithInvalidPropertyShouldFailNamingItAsWritten(String property, String written, String message) {
        String name = property.substring(0, property.indexOf('='));
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues(property)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(BindValidationException.class)
                            .hasMessageContaining(message);
                    // What Boot's failure report prints: "Property: NAME", "Value: WRITTEN", "Origin: ...".
                    FieldError error = fieldError(context.getStartupFailure());
                    assertThat(error.getObjectName() + "." + error.getField()).isEqualTo(name);
                    assertThat(error.getRejectedValue()).isEqualTo(written);
                    assertThat(Origin.from(error)).as("origin").isNotNull();
                    assertThat(directory).as("nothing opened").isEmptyDirectory();
                });
    }

    @Test
    void runWithBlankTreeNameShouldFailNamingTheElement() {
        runner.withPropertyValues(SmallStoreProperties.of(directory))
                .withPropertyValues("pagebox.trees[0]=users", "pagebox.trees[1]= ")
                .run(context -> {
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(BindValidationException.class)
                            .hasMessageContaining("pagebox.trees[1] is blank but names a blank tree");
                    FieldError error = fieldError(context.getStartupFailure());
                    assertThat(error.getField()).isEqualTo("trees[1]");
                });
    }

    private static FieldError fieldError(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof BindValidationException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(BindValidationException.class);
        List<ObjectError> errors =
                ((BindValidationException) cause).getValidationErrors().getAllErrors();
        assertThat(errors).hasSize(1).first().isInstanceOf(FieldError.class);
        return (FieldError) errors.getFirst();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A bean injecting trees by qualifier. */
    static final class TreeUser {
        final PageboxTree users;
        final PageboxTree orders;

        TreeUser(PageboxTree users, PageboxTree orders) {
            this.users = users;
            this.orders = orders;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TreeUserConfiguration {
        @Bean
        TreeUser treeUser(@Qualifier("users") PageboxTree users, @Qualifier("orders") PageboxTree orders) {
            return new TreeUser(users, orders);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {
        // Declared before the first one: the order, not the declaration, decides.
        @Bean
        @Order(2)
        PageboxOptionsCustomizer second() {
            return options -> options.poolSize(64L * SmallStores.PAGE_SIZE);
        }

        @Bean
        @Order(1)
        PageboxOptionsCustomizer first() {
            return options -> options.poolSize(48L * SmallStores.PAGE_SIZE).commitMode(CommitMode.NONE);
        }
    }
}
