/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * A Spring Boot key-value service on the Pagebox starter ({@code /kv/{tree}/{key}}), and the {@code kvstore} command
 * line of the original Pagebox in the same jar: {@link dev.pagebox.sample.SampleApplication} starts the web app,
 * or the command line when its first argument is {@code kvstore}.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.sample;
