/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The API's client errors as RFC 9457 problem details. Each is an {@link ErrorResponseException}, which Spring MVC
 * renders as {@code application/problem+json} (Boot's problem-details handler, {@code spring.mvc.problemdetails}),
 * with {@code instance} set to the request path. Types are {@code tag:} URIs ({@value #TYPE_PREFIX}name): stable
 * identifiers, not links. Extra members name what was wrong ({@code tree}, {@code key}, {@code limit}, ...).
 */
final class KvProblems {
    /** The prefix of every problem type of this API. */
    static final String TYPE_PREFIX = "tag:pagebox.dev,2026:";

    private KvProblems() {}

    static ErrorResponseException keyNotFound(String tree, String key) {
        ProblemDetail problem = problem(
                HttpStatus.NOT_FOUND, "key-not-found", "Key not found", "tree '" + tree + "' has no key '" + key + "'");
        problem.setProperty("tree", tree);
        problem.setProperty("key", key);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    /**
     * A value over the engine's limit.
     *
     * @param size the value's size, or -1 if the body was cut off at the limit (no Content-Length)
     * @param limit the limit in bytes
     */
    static ErrorResponseException valueTooLarge(long size, int limit) {
        String detail = size < 0
                ? "the value exceeds the maximum of " + limit + " bytes"
                : "the value of " + size + " bytes exceeds the maximum of " + limit + " bytes";
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "value-too-large", "Value too large", detail);
        problem.setProperty("limit", limit);
        if (size >= 0) {
            problem.setProperty("size", size);
        }
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }

    static ErrorResponseException keyTooLong(int length, int limit) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "key-too-long",
                "Key too long",
                "the key of " + length + " bytes exceeds the maximum of " + limit
                        + " bytes (an eighth of the store's page size)");
        problem.setProperty("limit", limit);
        problem.setProperty("size", length);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    static ErrorResponseException emptyKey() {
        return new ErrorResponseException(
                HttpStatus.BAD_REQUEST,
                problem(HttpStatus.BAD_REQUEST, "invalid-key", "Invalid key", "the key must not be empty"),
                null);
    }

    /** A write to a tree's own path: 405, since {@code /kv/{tree}} only answers GET. */
    static ErrorResponseException keyRequired(String method, String tree) {
        ProblemDetail problem = problem(
                HttpStatus.METHOD_NOT_ALLOWED,
                "key-required",
                "Key required",
                method + " needs a key: " + method + " /kv/" + tree + "/{key}; /kv/" + tree
                        + " lists the tree (GET) and cannot be written or deleted as a whole");
        problem.setProperty("tree", tree);
        ErrorResponseException error = new ErrorResponseException(HttpStatus.METHOD_NOT_ALLOWED, problem, null);
        error.getHeaders().setAllow(new LinkedHashSet<>(List.of(HttpMethod.GET, HttpMethod.HEAD)));
        return error;
    }

    /**
     * A query parameter whose percent-encoded bytes are not UTF-8 text, which Tomcat refuses to decode.
     *
     * @param parameter the parameter's name, or null if the query shows none at fault
     */
    static ProblemDetail invalidParameter(@Nullable String parameter) {
        String which = parameter == null ? "a query parameter" : "query parameter '" + parameter + "'";
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-parameter",
                "Invalid parameter",
                which + " cannot be decoded: its percent-encoded bytes must be UTF-8 text (prefix, from and to"
                        + " are UTF-8)");
        if (parameter != null) {
            problem.setProperty("parameter", parameter);
        }
        return problem;
    }

    static ErrorResponseException invalidTreeName(String tree, String detail) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-tree-name", "Invalid tree name", detail);
        problem.setProperty("tree", tree);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    static ErrorResponseException invalidLimit(int limit, int max) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-limit",
                "Invalid limit",
                "limit is " + limit + " but must be from 1 to " + max);
        problem.setProperty("limit", limit);
        problem.setProperty("max", max);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }
}
