/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/** The engine: opening and recovering a store, the catalog of named trees, checkpoints. */
@NullMarked
package dev.pagebox.internal.engine;

import org.jspecify.annotations.NullMarked;
