/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.latch;

/** How a thread holds a {@link HybridLatch}. */
public enum LatchMode {
    /** No lock: read, then validate the version; changes by others make validation fail. */
    OPTIMISTIC,
    /** Readers exclude writers but not each other; the version does not change. */
    SHARED,
    /** One writer; releasing bumps the version, invalidating concurrent optimistic readers. */
    EXCLUSIVE
}
