/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.buffer;

import org.openjdk.jmh.annotations.Threads;

/** The {@link FixBenchmark} operations with one thread(s) on the same hot page. */
@Threads(1)
public class FixOneThreadBenchmark extends FixBenchmark {}
