/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.btree;

import org.openjdk.jmh.annotations.Threads;

/**
 * The {@link BTreeBenchmark} operations with sixteen threads on one shared tree or skip list: on a machine with fewer
 * cores than threads this shows contention (threads descheduled while holding latches or the log's append lock), on
 * one with as many cores it shows scaling.
 */
@Threads(16)
public class BTreeSixteenThreadsBenchmark extends BTreeBenchmark {}
