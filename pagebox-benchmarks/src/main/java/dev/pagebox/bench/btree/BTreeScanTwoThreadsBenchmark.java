/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.btree;

import org.openjdk.jmh.annotations.Threads;

/** The {@link BTreeScanBenchmark} scans with two threads on one shared store or skip list. */
@Threads(2)
public class BTreeScanTwoThreadsBenchmark extends BTreeScanBenchmark {}
