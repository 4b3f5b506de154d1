/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.endpoint;

import dev.pagebox.DiskFullException;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.StoreFailedException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * An endpoint operation's result as an HTTP response: null is 404, and a store that cannot run the operation gets a
 * status saying why with a {@link PageboxEndpointError} body, instead of a 500 without one. 409: the operation does
 * not fit the configuration (a read-only store, no backup directory). 503: the store is closed or fenced after a
 * failed disk write. 507: a disk is full. Any other failure stays a 500.
 */
final class WebResponses {
    /** Insufficient Storage (RFC 4918), as the sample app answers a write on a full disk. */
    static final int STATUS_INSUFFICIENT_STORAGE = 507;

    static final int STATUS_CONFLICT = 409;

    private WebResponses() {}

    static WebEndpointResponse<Object> of(Supplier<? extends @Nullable Object> operation) {
        try {
            Object body = operation.get();
            return body == null
                    ? new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND)
                    : new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
        } catch (PageboxBackupEndpoint.NotConfiguredException e) {
            return refused(STATUS_CONFLICT, "backup-not-configured", e);
        } catch (ReadOnlyStoreException e) {
            return refused(STATUS_CONFLICT, "read-only", e);
        } catch (PageboxClosedException e) {
            return refused(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, "closed", e);
        } catch (StoreFailedException e) {
            return refused(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, "fenced", e);
        } catch (DiskFullException e) {
            return refused(STATUS_INSUFFICIENT_STORAGE, "disk-full", e);
        }
    }

    private static WebEndpointResponse<Object> refused(int status, String error, RuntimeException e) {
        return new WebEndpointResponse<>(new PageboxEndpointError(error, String.valueOf(e.getMessage())), status);
    }
}
