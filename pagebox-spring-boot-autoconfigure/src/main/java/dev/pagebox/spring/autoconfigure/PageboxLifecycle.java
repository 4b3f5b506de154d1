/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxState;
import dev.pagebox.spring.health.PageboxNativeAccess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Ties the stores (every {@link Pagebox} bean) to the context's lifecycle. Stopping the context, or pausing it
 * (Spring's test framework pauses cached contexts it is not using), checkpoints each store and keeps it open: the
 * {@link Pagebox} and {@link dev.pagebox.PageboxTree} beans the application holds stay valid, and starting or
 * restarting the context needs no reopen. Closing the context closes each store, after a checkpoint: its bean's
 * destroy method runs once every lifecycle has stopped (the web server has drained its requests) and every bean
 * that uses the store has been destroyed.
 *
 * <p>Lifecycles stop in descending phase order. Boot's web server drains requests in phase
 * {@code DEFAULT_PHASE - 1024} (graceful shutdown) and stops in {@code DEFAULT_PHASE - 2048}; this one stops in
 * {@link #PHASE}, below both, so a stop checkpoints after the last request's writes.
 *
 * <p>The first start in a JVM logs one WARN if Pagebox runs without native access, saying what to add to the build.
 */
public final class PageboxLifecycle
        implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, ApplicationContextAware {
    /** The phase: below the web server's graceful-shutdown and stop phases, so the store stops after both. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

    private static final Log LOG = LogFactory.getLog(PageboxLifecycle.class);

    /** Whether this JVM's first start has checked native access (once per JVM: it cannot change). */
    private static final AtomicBoolean NATIVE_ACCESS_CHECKED = new AtomicBoolean();

    private final Map<String, Pagebox> stores;
    private final Map<String, Path> directories = new LinkedHashMap<>();
    private @Nullable ApplicationContext context;
    private volatile boolean running;
    private volatile boolean closing;

    /**
     * Creates the lifecycle of one store.
     *
     * @param pagebox the store to checkpoint when the context stops
     */
    public PageboxLifecycle(Pagebox pagebox) {
        this(Map.of("pagebox", pagebox));
    }

    /**
     * Creates the lifecycle of several stores.
     *
     * @param stores the stores to checkpoint when the context stops, by name (their bean names)
     */
    public PageboxLifecycle(Map<String, Pagebox> stores) {
        this.stores = new LinkedHashMap<>(stores);
        stores.forEach((name, pagebox) -> directories.put(name, pagebox.stats().directory()));
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        stores.forEach((name, pagebox) -> {
            if (pagebox.state() == PageboxState.CLOSED) {
                throw new IllegalStateException("the Pagebox store '" + name + "' in " + directories.get(name)
                        + " was closed outside the context's lifecycle; close the context instead, or reopen the"
                        + " store in a new context");
            }
        });
        running = true;
        if (NATIVE_ACCESS_CHECKED.compareAndSet(false, true)) {
            warnIfNoNativeAccess(PageboxNativeAccess.current(), LOG);
        }
    }

    /**
     * The starter's one warning about a JVM without native access, with what to change in a Spring Boot build. On
     * a platform without Pagebox's native I/O there is nothing to change, so it is only information.
     */
    static void warnIfNoNativeAccess(PageboxNativeAccess nativeAccess, Log log) {
        String message = nativeAccessMessage(nativeAccess);
        if (message != null && nativeAccess.fixable()) {
            log.warn(message);
        } else if (message != null) {
            log.info(message);
        }
    }

    /** What to log about native access, or null when it is in use. */
    static @Nullable String nativeAccessMessage(PageboxNativeAccess nativeAccess) {
        if (nativeAccess.available()) {
            return null;
        }
        if (!nativeAccess.fixable()) {
            return "Pagebox runs without native I/O: " + nativeAccess.missing();
        }
        return "Pagebox runs without native access: " + nativeAccess.missing() + ". In a Spring Boot build: the"
                + " executable jar's manifest (maven-jar-plugin <manifestEntries><Enable-Native-Access>ALL-UNNAMED"
                + "</Enable-Native-Access>), spring-boot:run (<jvmArguments>--enable-native-access=ALL-UNNAMED"
                + "</jvmArguments>) and tests (surefire and failsafe <argLine>--enable-native-access=ALL-UNNAMED"
                + "</argLine>); see \"Native access\" in the README of pagebox-spring-boot-autoconfigure.";
    }

    @Override
    public void stop() {
        running = false;
        stores.forEach((name, pagebox) -> {
            if (closing) {
                LOG.info("Pagebox store '" + name + "' in " + directories.get(name) + " closes "
                        + (checkpointsOnClose(pagebox) ? "after a checkpoint" : "without a checkpoint")
                        + " once the beans using it are destroyed");
            } else {
                checkpoint(name, pagebox);
            }
        });
    }

    /** Whether the store takes a checkpoint when it closes: not when turned off, nor when opened read-only. */
    private static boolean checkpointsOnClose(Pagebox pagebox) {
        return pagebox.options().checkpointOnClose() && !pagebox.options().readOnly();
    }

    /** A stopped or paused context's store: everything written so far reaches the data file, the store stays open. */
    private void checkpoint(String name, Pagebox pagebox) {
        if (!checkpointsOnClose(pagebox) || !pagebox.isHealthy()) {
            return;
        }
        pagebox.checkpoint();
        LOG.debug("Checkpointed Pagebox store '" + name + "' in " + directories.get(name)
                + "; it stays open while stopped");
    }

    /** Marks the stop that follows as the context's close: the store closes later, when its bean is destroyed. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        // A child context (a management server on its own port) publishes its close to the parent too.
        if (event.getApplicationContext() == context) {
            closing = true;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
