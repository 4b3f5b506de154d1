/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * The {@code kvstore} command line: one store operation per process, without a Spring context (it starts in a
 * fraction of the app's time), on the same data directory as the app.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.sample.cli;
