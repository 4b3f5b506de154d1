/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.kafka.PageboxKeyValueBytesStoreSupplier;
import dev.pagebox.kafka.PageboxSessionBytesStoreSupplier;
import dev.pagebox.kafka.PageboxStoreOptions;
import dev.pagebox.kafka.PageboxWindowBytesStoreSupplier;
import dev.pagebox.spring.autoconfigure.PageboxOptionsCustomizer;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class PageboxKafkaStreamsAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PageboxKafkaStreamsAutoConfiguration.class));

    @Test
    void offersStoreSuppliersBoundToPageboxProperties() {
        runner.withPropertyValues(
                        "pagebox.pool-size=64MB",
                        "pagebox.page-size=8KB",
                        "pagebox.kafka-streams.directory=/var/lib/app/pagebox",
                        "pagebox.kafka-streams.commit-mode=strict",
                        "pagebox.kafka-streams.sweep-interval=30s",
                        "pagebox.kafka-streams.stores=counts,users")
                .withUserConfiguration(Users.class)
                .run(context -> {
                    PageboxStoreOptions options = context.getBean(PageboxStoreOptions.class);
                    assertThat(options.pagebox().poolSize()).isEqualTo(64L << 20);
                    assertThat(options.pagebox().pageSize()).isEqualTo(8 << 10);
                    assertThat(options.directory()).isEqualTo(Path.of("/var/lib/app/pagebox"));
                    assertThat(options.commitMode()).isEqualTo(CommitMode.STRICT);
                    assertThat(options.sweepInterval()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(context.getBeansOfType(KeyValueBytesStoreSupplier.class))
                            .containsOnlyKeys("countsStoreSupplier", "usersStoreSupplier");
                    PageboxKeyValueBytesStoreSupplier users = context.getBean(Users.class).supplier;
                    assertThat(users.name()).isEqualTo("users");
                    assertThat(users.options()).isEqualTo(options);
                    assertThat(context.getBean(PageboxStoreSuppliers.class)
                                    .keyValueStore("other")
                                    .options())
                            .isEqualTo(options);
                    PageboxStoreSuppliers suppliers = context.getBean(PageboxStoreSuppliers.class);
                    PageboxWindowBytesStoreSupplier window = suppliers.timestampedWindowStore(
                            "windows", Duration.ofHours(2), Duration.ofMinutes(5), false);
                    assertThat(window.name()).isEqualTo("windows");
                    assertThat(window.timestamped()).isTrue();
                    assertThat(window.retentionPeriod())
                            .isEqualTo(Duration.ofHours(2).toMillis());
                    assertThat(window.windowSize())
                            .isEqualTo(Duration.ofMinutes(5).toMillis());
                    assertThat(window.options()).isEqualTo(options);
                    PageboxWindowBytesStoreSupplier joins =
                            suppliers.windowStore("joins", Duration.ofMinutes(10), Duration.ofMinutes(1), true);
                    assertThat(joins.timestamped()).isFalse();
                    assertThat(joins.retainDuplicates()).isTrue();
                    assertThat(joins.options()).isEqualTo(options);
                    PageboxSessionBytesStoreSupplier sessions =
                            suppliers.sessionStore("sessions", Duration.ofMinutes(30));
                    assertThat(sessions.retentionPeriod())
                            .isEqualTo(Duration.ofMinutes(30).toMillis());
                    assertThat(sessions.options()).isEqualTo(options);
                });
    }

    @Test
    void kafkaStreamsPoolSizeOverridesTheEnginesAndCustomizersApply() {
        runner.withPropertyValues("pagebox.pool-size=64MB", "pagebox.kafka-streams.pool-size=32MB")
                .withBean(PageboxOptionsCustomizer.class, () -> builder -> builder.checkpointOnClose(false))
                .run(context -> {
                    PageboxStoreOptions options = context.getBean(PageboxStoreOptions.class);
                    assertThat(options.pagebox().poolSize()).isEqualTo(32L << 20);
                    assertThat(options.pagebox().checkpointOnClose()).isFalse();
                    assertThat(options.commitMode()).isEqualTo(CommitMode.RELAXED);
                    assertThat(options.directory()).isNull();
                    assertThat(context.getBeansOfType(KeyValueBytesStoreSupplier.class))
                            .isEmpty();
                });
    }

    @Test
    void backsOffWithoutSpringKafkaOrWhenDisabled() {
        runner.withClassLoader(new FilteredClassLoader(StreamsBuilderFactoryBean.class))
                .run(context -> assertThat(context).doesNotHaveBean(PageboxStoreOptions.class));
        runner.withPropertyValues("pagebox.kafka-streams.enabled=false", "pagebox.kafka-streams.stores=counts")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(PageboxStoreOptions.class)
                        .doesNotHaveBean(KeyValueBytesStoreSupplier.class));
    }

    @Test
    void theApplicationsOptionsWin() {
        PageboxStoreOptions own =
                PageboxStoreOptions.builder().poolSize(16L << 20).build();
        runner.withBean(PageboxStoreOptions.class, () -> own)
                .withPropertyValues("pagebox.kafka-streams.stores=counts")
                .run(context -> {
                    assertThat(context.getBean(PageboxStoreOptions.class)).isSameAs(own);
                    assertThat(context.getBean(PageboxKeyValueBytesStoreSupplier.class)
                                    .options())
                            .isSameAs(own);
                });
    }

    /** Injects a supplier by its store's name, as an application would. */
    @Configuration(proxyBeanMethods = false)
    static class Users {
        PageboxKeyValueBytesStoreSupplier supplier;

        @Bean
        String usersConsumer(@Qualifier("users") PageboxKeyValueBytesStoreSupplier users) {
            this.supplier = users;
            return "consumer";
        }
    }
}
