/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * JMH microbenchmarks of the B+tree (resident and under memory pressure) against ConcurrentSkipListMap.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench.btree;
