/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure.kafka;

import dev.pagebox.kafka.PageboxKeyValueBytesStoreSupplier;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link PageboxKeyValueBytesStoreSupplier} bean per name in {@code pagebox.kafka-streams.stores},
 * named {@code <name>StoreSupplier} and qualified by the store's name, made by the context's
 * {@link PageboxStoreSuppliers}.
 */
final class PageboxStoreSupplierRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {
    private @Nullable Environment environment;
    private @Nullable BeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (environment == null || beanFactory == null) {
            throw new IllegalStateException("the registrar needs the environment and the bean factory");
        }
        BeanFactory factory = beanFactory;
        List<String> names = Binder.get(environment)
                .bind("pagebox.kafka-streams.stores", Bindable.listOf(String.class))
                .orElse(List.of());
        for (String name : new LinkedHashSet<>(names)) {
            if (name.isBlank()) {
                continue;
            }
            RootBeanDefinition definition = new RootBeanDefinition(
                    PageboxKeyValueBytesStoreSupplier.class,
                    () -> factory.getBean(PageboxStoreSuppliers.class).keyValueStore(name));
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            registry.registerBeanDefinition(name + "StoreSupplier", definition);
        }
    }
}
