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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code pagebox} endpoint, over every store of the context, each named after its bean. Reading it
 * ({@code GET /actuator/pagebox}) returns {@code {"stores": {NAME: STATS}}}, where each store's statistics are its
 * state, buffer pool, write-ahead log, checkpoints, last recovery and each tree's size (entries, height, pages,
 * fill); {@code GET /actuator/pagebox/NAME} returns one store's. Writing it ({@code POST /actuator/pagebox}, or
 * {@code /actuator/pagebox/NAME} for one store) runs a checkpoint and returns the checkpoint statistics after it.
 *
 * <p>Tree sizes come from {@link dev.pagebox.PageboxTree#stats()}, which walks every node: reading the endpoint
 * costs a pass over the stores' tree pages.
 */
@Endpoint(id = "pagebox")
public class PageboxEndpoint {
    private final Map<String, Pagebox> stores;

    /**
     * Creates the endpoint for one store, named {@code pagebox}.
     *
     * @param pagebox the store
     */
    public PageboxEndpoint(Pagebox pagebox) {
        this(Map.of("pagebox", pagebox));
    }

    /**
     * Creates the endpoint.
     *
     * @param stores the stores by name (their bean names)
     */
    public PageboxEndpoint(Map<String, Pagebox> stores) {
        this.stores = new LinkedHashMap<>(stores);
    }

    /**
     * Every store's statistics.
     *
     * @return each store's pool, log, checkpoints, recovery and tree sizes, by name
     */
    @ReadOperation
    public StoresDescriptor stores() {
        Map<String, PageboxDescriptor> described = new LinkedHashMap<>();
        stores.forEach((name, pagebox) -> described.put(name, describe(pagebox)));
        return new StoresDescriptor(described);
    }

    /**
     * One store's statistics.
     *
     * @param name the store's name
     * @return its pool, log, checkpoints, recovery and tree sizes, or null (404) if there is no such store
     */
    @ReadOperation
    public @Nullable PageboxDescriptor store(@Selector String name) {
        Pagebox pagebox = stores.get(name);
        return pagebox == null ? null : describe(pagebox);
    }

    /**
     * Runs a checkpoint in every store: writes every changed page and moves the recovery start point.
     *
     * @return each store's checkpoint statistics after it, by name
     */
    @WriteOperation
    public CheckpointsDescriptor checkpoint() {
        Map<String, PageboxStats.Checkpoints> after = new LinkedHashMap<>();
        stores.forEach((name, pagebox) -> after.put(name, checkpoint(pagebox)));
        return new CheckpointsDescriptor(after);
    }

    /**
     * Runs a checkpoint in one store.
     *
     * @param name the store's name
     * @return its checkpoint statistics after it, or null (404) if there is no such store
     */
    @WriteOperation
    public PageboxStats.@Nullable Checkpoints checkpoint(@Selector String name) {
        Pagebox pagebox = stores.get(name);
        return pagebox == null ? null : checkpoint(pagebox);
    }

    private static PageboxStats.Checkpoints checkpoint(Pagebox pagebox) {
        pagebox.checkpoint();
        return pagebox.stats().checkpoints();
    }

    private static PageboxDescriptor describe(Pagebox pagebox) {
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
     * The endpoint's answer to a read of every store.
     *
     * @param stores each store's statistics, by name
     */
    public record StoresDescriptor(Map<String, PageboxDescriptor> stores) {}

    /**
     * The endpoint's answer to a checkpoint of every store.
     *
     * @param stores each store's checkpoint statistics after it, by name
     */
    public record CheckpointsDescriptor(Map<String, PageboxStats.Checkpoints> stores) {}

    /**
     * One store's statistics.
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
