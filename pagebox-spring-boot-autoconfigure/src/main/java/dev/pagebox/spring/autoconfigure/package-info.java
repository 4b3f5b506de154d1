/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/** Auto-configuration of a Pagebox store from {@code pagebox.*} properties. */
@org.jspecify.annotations.NullMarked
package dev.pagebox.spring.autoconfigure;
