/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.latch;

import org.openjdk.jmh.annotations.Threads;

/** The {@link LatchBenchmark} operations with two thread(s) on the shared latch. */
@Threads(2)
public class LatchTwoThreadsBenchmark extends LatchBenchmark {}
