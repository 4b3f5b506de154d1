/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.btree;

import org.openjdk.jmh.annotations.Threads;

/** The {@link BTreeBenchmark} operations with two threads on one shared tree or skip list. */
@Threads(2)
public class BTreeTwoThreadsBenchmark extends BTreeBenchmark {}
