/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.endpoint;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxState;
import dev.pagebox.PageboxStats;
import dev.pagebox.PageboxTreeStats;
import dev.pagebox.RecoverySummary;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code pagebox} endpoint. Reading it ({@code GET /actuator/pagebox}) returns the store's statistics: state,
 * buffer pool, write-ahead log, checkpoints, the last recovery and each tree's size (entries, height, pages, fill). Writing it
 * ({@code POST /actuator/pagebox}) runs a checkpoint and returns the checkpoint statistics after it.
 *
 * <p>Tree sizes come from {@link dev.pagebox.PageboxTree#stats()}, which walks every node: reading the endpoint
 * costs a pass over the store's tree pages.
 */
@Endpoint(id = "pagebox")
public class PageboxEndpoint {
    private final Pagebox pagebox;

    /**
     * Creates the endpoint.
     *
     * @param pagebox the store
     */
    public PageboxEndpoint(Pagebox pagebox) {
        this.pagebox = pagebox;
    }

    /**
     * The store's statistics.
     *
     * @return pool, log, checkpoints, recovery and tree sizes
     */
    @ReadOperation
    public PageboxDescriptor stats() {
        PageboxStats stats = pagebox.stats();
        List<PageboxTreeStats> trees =
                stats.trees().stream().map(name -> pagebox.tree(name).stats()).toList();
        return new PageboxDescriptor(
                stats.state(),
                stats.directory().toString(),
                stats.pool(),
                stats.log(),
                stats.checkpoints(),
                stats.recovery(),
                trees);
    }

    /**
     * Runs a checkpoint: writes every changed page and moves the recovery start point.
     *
     * @return the checkpoint statistics after it
     */
    @WriteOperation
    public PageboxStats.Checkpoints checkpoint() {
        pagebox.checkpoint();
        return pagebox.stats().checkpoints();
    }

    /**
     * The endpoint's answer to a read.
     *
     * @param state healthy, fenced or closed
     * @param directory the data directory
     * @param pool the buffer pool
     * @param log the write-ahead log
     * @param checkpoints the checkpoints
     * @param recovery what the last open recovered
     * @param trees each tree's size
     */
    public record PageboxDescriptor(
            PageboxState state,
            String directory,
            PageboxStats.Pool pool,
            PageboxStats.Log log,
            PageboxStats.Checkpoints checkpoints,
            RecoverySummary recovery,
            List<PageboxTreeStats> trees) {}
}
