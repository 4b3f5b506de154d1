/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * One small adapter per key-value engine behind {@link dev.pagebox.bench.kv.KvEngine}; {@link dev.pagebox.bench.kv.KvEngines} lists the available ones.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench.kv;
