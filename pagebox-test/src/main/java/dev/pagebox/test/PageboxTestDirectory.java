/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.test;

import dev.pagebox.Pagebox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;

/**
 * The temporary data directory of a test context with {@link TemporaryPageboxDirectory}, a bean of that context. It
 * deletes the directory when the context closes, after the stores: every {@code Pagebox} bean is registered as
 * depending on it, so Spring destroys (closes) them first.
 */
public final class PageboxTestDirectory implements BeanPostProcessor, BeanFactoryAware, DisposableBean {
    /** The bean's name. */
    public static final String BEAN_NAME = "pageboxTestDirectory";

    private final Path path;
    private @Nullable ConfigurableBeanFactory beanFactory;

    PageboxTestDirectory(Path path) {
        this.path = path;
    }

    /**
     * The directory, which {@code pagebox.data-directory} names.
     *
     * @return its path
     */
    public Path path() {
        return path;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof Pagebox && beanFactory != null) {
            beanFactory.registerDependentBean(BEAN_NAME, beanName);
        }
        return bean;
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void destroy() {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException failure)
                        throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test's Pagebox directory " + path, e);
        }
    }

    @Override
    public String toString() {
        return "PageboxTestDirectory " + path;
    }
}
