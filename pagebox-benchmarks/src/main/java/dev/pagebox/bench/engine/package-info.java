/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * Benchmarks of the whole engine through its public API, run as plain main programs because each measures
 * one-shot events (an open, a recovery, a checkpoint) rather than a steady operation: log replay rate, open time
 * of a large store after a clean close, and write latency while fuzzy checkpoints run.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench.engine;
