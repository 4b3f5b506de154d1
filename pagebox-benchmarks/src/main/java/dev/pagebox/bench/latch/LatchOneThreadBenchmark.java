/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.latch;

import org.openjdk.jmh.annotations.Threads;

/** The {@link LatchBenchmark} operations with one thread(s) on the shared latch. */
@Threads(1)
public class LatchOneThreadBenchmark extends LatchBenchmark {}
