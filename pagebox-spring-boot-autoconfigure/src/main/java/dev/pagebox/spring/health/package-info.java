/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * Actuator health for a Pagebox store: {@link dev.pagebox.spring.health.PageboxHealthIndicator} reads the store's
 * state and a few gauges from memory, and names the I/O failure that fenced the store, which
 * {@link dev.pagebox.spring.health.IoFailureRecorder} records at the store's file channels.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.spring.health;
