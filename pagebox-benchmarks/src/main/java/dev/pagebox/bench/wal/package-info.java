/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * JMH microbenchmarks of the write-ahead log: STRICT group commit against the disk's raw sync rate, RELAXED
 * append bandwidth against the disk's sequential write bandwidth.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench.wal;
