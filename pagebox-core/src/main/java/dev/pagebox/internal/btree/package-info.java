/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * The B+tree: slotted pages with fence keys, prefix truncation and 8-byte key heads, optimistic lock coupling
 * over the buffer pool, physiological WAL records with redo, overflow values and latch-free cursors.
 */
@NullMarked
package dev.pagebox.internal.btree;

import org.jspecify.annotations.NullMarked;
