/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * Turns raw per-run results into the CSV, the markdown tables and the throughput chart.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench.ycsb.report;
