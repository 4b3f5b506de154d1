/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * Benchmarks of Pagebox against the embedded stores its users would pick instead. Nothing here is deployed; figures and the commands that produced them live in docs/benchmarks.md.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.bench;
