/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * Key choosers following the YCSB core definitions (uniform, scrambled zipfian, latest) and the acknowledged insert counter.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench.ycsb.generator;
