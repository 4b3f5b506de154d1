/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.endpoint;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxState;
import dev.pagebox.PageboxStats;
import dev.pagebox.PageboxTreeStats;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.RecoverySummary;
import java.util.ArrayList;
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
 * state, buffer pool, write-ahead log, checkpoints, last recovery, user meta slots that are not 0 and each tree's
 * size (entries, height, pages, fill); {@code GET /actuator/pagebox/NAME} returns one store's. Writing it
 * ({@code POST /actuator/pagebox}, or {@code /actuator/pagebox/NAME} for one store) runs a checkpoint and returns
 * the checkpoint statistics after it; a store opened read-only takes none ({@link ReadOnlyStoreException}, over HTTP
 * a 409 from {@link PageboxEndpointWebExtension}).
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
     * Runs a checkpoint in every store open for writing: writes every changed page and moves the recovery start
     * point. Stores open read-only are listed, not checkpointed.
     *
     * @return each store's checkpoint statistics after it, by name
     * @throws ReadOnlyStoreException if every store is open read-only
     */
    @WriteOperation
    public CheckpointsDescriptor checkpoint() {
        Map<String, PageboxStats.Checkpoints> after = new LinkedHashMap<>();
        List<String> readOnly = new ArrayList<>();
        stores.forEach((name, pagebox) -> {
            if (pagebox.options().readOnly()) {
                readOnly.add(name);
            } else {
                after.put(name, checkpoint(name, pagebox));
            }
        });
        if (after.isEmpty() && !readOnly.isEmpty()) {
            throw new ReadOnlyStoreException("no checkpoint was run: every Pagebox store is open read-only " + readOnly
                    + " (pagebox.read-only), and a read-only store takes no checkpoints");
        }
        return new CheckpointsDescriptor(after, readOnly);
    }

    /**
     * Runs a checkpoint in one store.
     *
     * @param name the store's name
     * @return its checkpoint statistics after it, or null (404) if there is no such store
     * @throws ReadOnlyStoreException if the store is open read-only
     */
    @WriteOperation
    public PageboxStats.@Nullable Checkpoints checkpoint(@Selector String name) {
        Pagebox pagebox = stores.get(name);
        return pagebox == null ? null : checkpoint(name, pagebox);
    }

    private static PageboxStats.Checkpoints checkpoint(String name, Pagebox pagebox) {
        if (pagebox.options().readOnly()) {
            throw new ReadOnlyStoreException("no checkpoint was run: the Pagebox store '" + name + "' in "
                    + pagebox.stats().directory() + " is open read-only (pagebox.read-only), and a read-only store"
                    + " takes no checkpoints");
        }
        pagebox.checkpoint();
        return pagebox.stats().checkpoints();
    }

    private static PageboxDescriptor describe(Pagebox pagebox) {
        PageboxStats stats = pagebox.stats();
        List<PageboxTreeStats> trees =
                stats.trees().stream().map(name -> pagebox.tree(name).stats()).toList();
        Map<Integer, Long> userMeta = new LinkedHashMap<>();
        for (int slot = 0; slot < Pagebox.USER_META_SLOTS; slot++) {
            long value = pagebox.userMeta(slot);
            if (value != 0) {
                userMeta.put(slot, value);
            }
        }
        return new PageboxDescriptor(
                stats.state(),
                pagebox.failure().map(Throwable::getMessage).orElse(null),
                stats.directory().toString(),
                pagebox.options().readOnly(),
                stats.pool(),
                stats.log(),
                stats.checkpoints(),
                stats.recovery(),
                userMeta,
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
     * @param stores each checkpointed store's checkpoint statistics after it, by name
     * @param readOnly the stores open read-only, which take no checkpoints
     */
    public record CheckpointsDescriptor(Map<String, PageboxStats.Checkpoints> stores, List<String> readOnly) {}

    /**
     * One store's statistics.
     *
     * @param state healthy, out of disk space, fenced or closed
     * @param failure why the store takes no writes, when it is out of disk space or fenced
     *     ({@link Pagebox#failure()}): the operation, the file and the error; null while it is healthy
     * @param directory the data directory
     * @param readOnly whether the store was opened read-only
     * @param pool the buffer pool
     * @param log the write-ahead log
     * @param checkpoints the checkpoints
     * @param recovery what the last open recovered
     * @param userMeta the user meta slots that are not 0 ({@link Pagebox#userMeta}), by slot
     * @param trees each tree's size
     */
    public record PageboxDescriptor(
            PageboxState state,
            @Nullable String failure,
            String directory,
            boolean readOnly,
            PageboxStats.Pool pool,
            PageboxStats.Log log,
            PageboxStats.Checkpoints checkpoints,
            RecoverySummary recovery,
            Map<Integer, Long> userMeta,
            List<PageboxTreeStats> trees) {}
}
