/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.endpoint;

/**
 * The body of an endpoint operation refused over HTTP, with a 4xx or 5xx status.
 *
 * @param error what kept the operation from running, one word: {@code backup-not-configured}, {@code read-only},
 *     {@code closed}, {@code fenced} or {@code disk-full}
 * @param message the same in a sentence, naming the store and what to do
 */
public record PageboxEndpointError(String error, String message) {}
