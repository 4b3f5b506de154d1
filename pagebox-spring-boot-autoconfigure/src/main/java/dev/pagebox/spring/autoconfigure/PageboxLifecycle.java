/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import dev.pagebox.Pagebox;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Checkpoints and closes the store when the context stops, after the web server has stopped taking requests and
 * drained the ones in flight, so that no request finds the store closed and the next start replays no log.
 *
 * <p>Lifecycles stop in descending phase order. Boot's web server drains requests in phase
 * {@code DEFAULT_PHASE - 1024} (graceful shutdown) and stops in {@code DEFAULT_PHASE - 2048}; this one stops in
 * {@link #PHASE}, below both. The store opens when its bean is created, before any lifecycle starts. A store
 * closed by {@link #stop()} stays closed: the tree beans hold it, so a stopped context cannot be started again.
 */
public final class PageboxLifecycle implements SmartLifecycle {
    /** The phase: below the web server's graceful-shutdown and stop phases, so the store closes after both. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

    private static final Log LOG = LogFactory.getLog(PageboxLifecycle.class);

    private final Pagebox pagebox;
    private volatile boolean running;
    private volatile boolean closed;

    /**
     * Creates the lifecycle.
     *
     * @param pagebox the store to close when the context stops
     */
    public PageboxLifecycle(Pagebox pagebox) {
        this.pagebox = pagebox;
    }

    @Override
    public void start() {
        if (closed) {
            throw new IllegalStateException(
                    "the Pagebox store was closed when the context stopped and cannot be started again");
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        closed = true;
        boolean checkpoint = pagebox.options().checkpointOnClose() && pagebox.isHealthy();
        LOG.info("Closing Pagebox store " + (checkpoint ? "after a checkpoint" : "without a checkpoint"));
        pagebox.close();
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
