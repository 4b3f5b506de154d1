/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.btree;

import org.openjdk.jmh.annotations.Threads;

/** The {@link BTreeScanBenchmark} scans with one thread. */
@Threads(1)
public class BTreeScanOneThreadBenchmark extends BTreeScanBenchmark {}
