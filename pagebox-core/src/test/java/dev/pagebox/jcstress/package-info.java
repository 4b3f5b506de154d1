/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * jcstress litmus tests of the hybrid latch protocol (seqlock fences, mutual exclusion, upgrade races), run by
 * {@link dev.pagebox.jcstress.JcstressLitmusTest}. Each test keeps its latch word and data in a native
 * {@link java.lang.foreign.MemorySegment}, as frames do.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.jcstress;
