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
 * The {@link PageboxBackupEndpoint} over HTTP: a backup that cannot be made answers with a status saying why and a
 * {@link PageboxEndpointError} body (409 when {@code pagebox.backup.directory} is not set, 503 for a closed or fenced
 * store, 507 on a full disk), an unknown store 404.
 */
@EndpointWebExtension(endpoint = PageboxBackupEndpoint.class)
public class PageboxBackupEndpointWebExtension {
    private final PageboxBackupEndpoint delegate;

    /**
     * Creates the extension.
     *
     * @param delegate the endpoint
     */
    public PageboxBackupEndpointWebExtension(PageboxBackupEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * Backs up every store.
     *
     * @return 200 with each store's backup, or why none was made
     */
    @WriteOperation
    public WebEndpointResponse<Object> backup() {
        return WebResponses.of(delegate::backup);
    }

    /**
     * Backs up one store.
     *
     * @param name the store's name
     * @return 200 with its backup, 404 if there is no such store, or why none was made
     */
    @WriteOperation
    public WebEndpointResponse<Object> backup(@Selector String name) {
        return WebResponses.of(() -> delegate.backup(name));
    }
}
