/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * Files, data directories and page-cache control shared by the I/O microbenchmarks.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench.io;
