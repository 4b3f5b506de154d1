/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/** Auto-configuration of the Pagebox endpoints, when the application has Actuator. */
@org.jspecify.annotations.NullMarked
package dev.pagebox.spring.autoconfigure.endpoint;
