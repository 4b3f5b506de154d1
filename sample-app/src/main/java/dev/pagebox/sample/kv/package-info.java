/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * What the web API and the command line share: the limits a key, value and tree name must keep, and ordered scans
 * over a key range, forward or reverse. Depends on Pagebox's public API only, not on Spring.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.sample.kv;
