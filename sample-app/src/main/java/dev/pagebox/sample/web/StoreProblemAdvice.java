/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import dev.pagebox.BufferPoolExhaustedException;
import dev.pagebox.DiskFullException;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxException;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.StoreFailedException;
import org.springframework.core.log.LogAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Engine failures as problem details, by what a client can do about them: retry later (503: the store is fenced
 * read-only after a failed disk write, closed, or out of free frames), free space (507), write elsewhere (409: the app
 * opened the store read-only), or report a bug (500). Client errors never reach the engine: {@link TreeAccess} and
 * {@link ValueBody} check its limits first.
 */
@RestControllerAdvice(assignableTypes = KvController.class)
final class StoreProblemAdvice {
    private static final LogAccessor LOG = new LogAccessor(StoreProblemAdvice.class);

    @ExceptionHandler
    ProblemDetail storeFailed(StoreFailedException e) {
        LOG.warn(e, "write refused: the store is fenced");
        return KvProblems.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "store-read-only",
                "Store is read-only",
                "a disk write failed, so the store takes no writes until it is reopened; reads go on");
    }

    @ExceptionHandler
    ProblemDetail openedReadOnly(ReadOnlyStoreException e) {
        return KvProblems.problem(
                HttpStatus.CONFLICT,
                "store-opened-read-only",
                "Store opened read-only",
                "the app opened the store read-only (pagebox.read-only): it serves reads only");
    }

    @ExceptionHandler
    ProblemDetail diskFull(DiskFullException e) {
        LOG.warn(e, "write failed: disk full");
        return KvProblems.problem(
                HttpStatus.INSUFFICIENT_STORAGE, "disk-full", "Disk full", "the store's disk is full");
    }

    @ExceptionHandler
    ProblemDetail closed(PageboxClosedException e) {
        return KvProblems.problem(
                HttpStatus.SERVICE_UNAVAILABLE, "store-closed", "Store closed", "the store is shutting down");
    }

    @ExceptionHandler
    ProblemDetail exhausted(BufferPoolExhaustedException e) {
        LOG.warn(e, "buffer pool exhausted");
        return KvProblems.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "store-busy",
                "Store busy",
                "every page frame is in use; retry, or give the store a larger pool");
    }

    @ExceptionHandler
    ProblemDetail failed(PageboxException e) {
        LOG.error(e, "store operation failed");
        return KvProblems.problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "store-error", "Store error", "the store failed: " + e.getMessage());
    }
}
