/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * JMH microbenchmarks of the buffer pool: the hot swip path, page faults against raw reads, and eviction of
 * dirty pages.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench.buffer;
