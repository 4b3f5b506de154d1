/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.DiskFullException;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxIoException;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.StoreFailedException;
import java.io.IOException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** How an operation's outcome becomes an HTTP status and body. */
class WebResponsesTest {

    @Test
    void resultShouldBe200AndNull404() {
        WebEndpointResponse<Object> found = WebResponses.of(() -> "body");
        WebEndpointResponse<Object> missing = WebResponses.of(() -> null);

        assertThat(found.getStatus()).isEqualTo(200);
        assertThat(found.getBody()).isEqualTo("body");
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getBody()).isNull();
    }

    @Test
    void storeThatCannotRunTheOperationShouldGetAStatusSayingWhy() {
        IOException noSpace = new IOException("No space left on device");
        assertRefused(
                () -> {
                    throw new PageboxBackupEndpoint.NotConfiguredException("set it");
                },
                409,
                "backup-not-configured",
                "set it");
        assertRefused(
                () -> {
                    throw new ReadOnlyStoreException("open read-only");
                },
                409,
                "read-only",
                "open read-only");
        assertRefused(
                () -> {
                    throw new PageboxClosedException("the store in /d");
                },
                503,
                "closed",
                new PageboxClosedException("the store in /d").getMessage());
        assertRefused(
                () -> {
                    throw new StoreFailedException("fenced by a failed sync", new IOException("EIO"));
                },
                503,
                "fenced",
                new StoreFailedException("fenced by a failed sync", new IOException("EIO")).getMessage());
        assertRefused(
                () -> {
                    throw new DiskFullException("cannot write /d/wal", noSpace);
                },
                507,
                "disk-full",
                "cannot write /d/wal: No space left on device");
    }

    @Test
    void otherFailuresShouldStayExceptionsForBootsErrorHandling() {
        PageboxIoException failure = new PageboxIoException("cannot read /d", new IOException("EIO"));

        assertThatThrownBy(() -> WebResponses.of(() -> {
                    throw failure;
                }))
                .isSameAs(failure);
    }

    private static void assertRefused(Supplier<Object> operation, int status, String error, String message) {
        WebEndpointResponse<Object> response = WebResponses.of(operation);

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getBody()).isEqualTo(new PageboxEndpointError(error, message));
    }
}
