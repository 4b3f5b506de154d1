/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives each Spring test context of the annotated test class a fresh, empty {@code pagebox.data-directory}, deleted
 * once the context has closed its stores.
 *
 * <p>Spring caches test contexts and keeps them (and their stores) open until the JVM exits, and a directory can be
 * open in one store at a time, so test classes whose contexts differ cannot share the application's configured
 * directory. With this annotation they need not: every context gets its own, and test classes with the same
 * configuration still share one context and its store. The directory outranks the application's configuration
 * (its {@code application.properties}, profiles, environment), while a test's own {@code pagebox.data-directory}
 * ({@code @SpringBootTest(properties = ...)}, {@code @TestPropertySource}, {@code @DynamicPropertySource}) wins
 * over it.
 *
 * <p>Inherited, and found on enclosing classes of {@code @Nested} tests, so a base test class or a meta-annotation
 * can carry it. The context's {@link PageboxTestDirectory} bean names the directory.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface TemporaryPageboxDirectory {}
