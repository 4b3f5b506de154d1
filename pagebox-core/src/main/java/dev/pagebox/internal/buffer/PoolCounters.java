/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import java.util.concurrent.atomic.LongAdder;

/** The pool's event counters; {@link LongAdder}s, so counting on the hot path does not bounce a cache line. */
final class PoolCounters {
    final LongAdder hits = new LongAdder();
    final LongAdder reheats = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder writeBacks = new LongAdder();
    final LongAdder frameWaits = new LongAdder();
    final LongAdder discardedLoads = new LongAdder();
}
