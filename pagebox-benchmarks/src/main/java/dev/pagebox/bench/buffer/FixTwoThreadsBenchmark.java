/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.buffer;

import org.openjdk.jmh.annotations.Threads;

/** The {@link FixBenchmark} operations with two thread(s) on the same hot page. */
@Threads(2)
public class FixTwoThreadsBenchmark extends FixBenchmark {}
