/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/** The {@code pagebox} Actuator endpoint: store statistics, and a checkpoint on demand. */
@org.jspecify.annotations.NullMarked
package dev.pagebox.spring.endpoint;
