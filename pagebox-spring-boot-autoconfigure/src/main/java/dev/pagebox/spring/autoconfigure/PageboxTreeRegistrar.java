/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import dev.pagebox.ReadOnlyStoreException;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.NamedBeanHolder;
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
 * Registers one {@link PageboxTree} bean per name in {@code pagebox.trees}. Each bean is named after its tree and
 * carries the tree's name as a {@link Qualifier}, so {@code @Qualifier("users") PageboxTree users} injects the
 * {@code users} tree. The tree comes from the context's {@link Pagebox} bean (the primary one if there are several)
 * and is created if the store lacks it, unless the store is open read-only: then a missing tree fails startup.
 */
final class PageboxTreeRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {
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
        ConfigurableListableBeanFactory factory = (ConfigurableListableBeanFactory) beanFactory;
        List<String> names = Binder.get(environment)
                .bind("pagebox.trees", Bindable.listOf(String.class))
                .orElse(List.of());
        for (String name : new LinkedHashSet<>(names)) {
            if (name.isBlank()) {
                continue; // PageboxProperties rejects it, naming the property
            }
            RootBeanDefinition definition = new RootBeanDefinition(PageboxTree.class, () -> tree(factory, name));
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            registry.registerBeanDefinition(name, definition);
        }
    }

    /**
     * The tree, from the context's store. The tree bean is registered as depending on the store's bean, so that
     * closing the context destroys the beans holding only a tree before the store closes.
     */
    private static PageboxTree tree(ConfigurableListableBeanFactory factory, String name) {
        NamedBeanHolder<Pagebox> store = factory.resolveNamedBean(Pagebox.class);
        factory.registerDependentBean(store.getBeanName(), name);
        Pagebox pagebox = store.getBeanInstance();
        if (pagebox.options().readOnly() && !pagebox.trees().contains(name)) {
            throw new ReadOnlyStoreException(
                    "the Pagebox store in " + pagebox.stats().directory() + " is open" + " read-only and has no tree '"
                            + name + "' to create for pagebox.trees");
        }
        return pagebox.tree(name);
    }
}
