/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.kafka;

import dev.pagebox.PageboxOptions;
import dev.pagebox.kafka.PageboxStoreOptions;
import dev.pagebox.spring.autoconfigure.PageboxOptionsCustomizer;
import dev.pagebox.spring.autoconfigure.PageboxProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Pagebox as the Kafka Streams state store, when Kafka Streams, Spring for Apache Kafka and
 * {@code pagebox-kafka-streams} are on the class path: a {@link PageboxStoreOptions} bean from the {@code pagebox.*}
 * engine properties (and {@link PageboxOptionsCustomizer}s) with {@code pagebox.kafka-streams.*} on top, a
 * {@link PageboxStoreSuppliers} factory, and one {@code KeyValueBytesStoreSupplier} bean per name in
 * {@code pagebox.kafka-streams.stores}. Beans of the application's own of the first two types win.
 */
@AutoConfiguration
@ConditionalOnClass(
        name = {
            "org.apache.kafka.streams.KafkaStreams",
            "org.springframework.kafka.config.StreamsBuilderFactoryBean",
            "dev.pagebox.kafka.PageboxStores"
        })
@ConditionalOnBooleanProperty(name = "pagebox.kafka-streams.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PageboxProperties.class)
@Import(PageboxStoreSupplierRegistrar.class)
public final class PageboxKafkaStreamsAutoConfiguration {

    PageboxKafkaStreamsAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    PageboxStoreOptions pageboxStoreOptions(
            PageboxProperties engine, Environment environment, ObjectProvider<PageboxOptionsCustomizer> customizers) {
        PageboxKafkaStreamsProperties kafka = Binder.get(environment)
                .bind(PageboxKafkaStreamsProperties.PREFIX, Bindable.of(PageboxKafkaStreamsProperties.class))
                .orElseGet(PageboxKafkaStreamsProperties::new);
        PageboxOptions.Builder builder = engine.toOptionsBuilder();
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        if (kafka.getPoolSize() != null) {
            builder.poolSize(kafka.getPoolSize().toBytes());
        }
        return PageboxStoreOptions.builder()
                .pagebox(builder.build())
                .directory(kafka.getDirectory())
                .commitMode(kafka.getCommitMode())
                .sweepInterval(kafka.getSweepInterval())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    PageboxStoreSuppliers pageboxStoreSuppliers(PageboxStoreOptions options) {
        return new PageboxStoreSuppliers(options);
    }
}
