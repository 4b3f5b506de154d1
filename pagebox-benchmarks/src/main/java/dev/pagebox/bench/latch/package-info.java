/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * JMH microbenchmarks of the hybrid latch against java.util.concurrent.locks.StampedLock.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench.latch;
