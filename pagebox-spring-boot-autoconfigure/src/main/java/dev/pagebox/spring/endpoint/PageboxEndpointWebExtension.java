/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.endpoint;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@link PageboxEndpoint}'s checkpoints over HTTP: a store that cannot run one answers with a status saying why
 * and a {@link PageboxEndpointError} body (409 for a store opened read-only, 503 for a closed or fenced one, 507 on
 * a full disk) instead of a 500, an unknown store 404. Reads are the endpoint's own.
 */
@EndpointWebExtension(endpoint = PageboxEndpoint.class)
public class PageboxEndpointWebExtension {
    private final PageboxEndpoint delegate;

    /**
     * Creates the extension.
     *
     * @param delegate the endpoint
     */
    public PageboxEndpointWebExtension(PageboxEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * Runs a checkpoint in every store open for writing.
     *
     * @return 200 with each store's checkpoint statistics, or why none was run
     */
    @WriteOperation
    public WebEndpointResponse<Object> checkpoint() {
        return WebResponses.of(delegate::checkpoint);
    }

    /**
     * Runs a checkpoint in one store.
     *
     * @param name the store's name
     * @return 200 with its checkpoint statistics, 404 if there is no such store, or why none was run
     */
    @WriteOperation
    public WebEndpointResponse<Object> checkpoint(@Selector String name) {
        return WebResponses.of(() -> delegate.checkpoint(name));
    }
}
