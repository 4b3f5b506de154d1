/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * The YCSB-style driver: a parent process that runs every (engine, workload, regime, threads) cell in a child JVM and writes CSV, markdown and a chart.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench.ycsb;
