/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.wal;

import org.openjdk.jmh.annotations.Threads;

/** {@link WalStrictThreadsBenchmark} with two platform writer thread(s). */
@Threads(2)
public class WalStrictTwoThreadsBenchmark extends WalStrictThreadsBenchmark {}
