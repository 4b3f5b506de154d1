/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/** Auto-configuration of Pagebox Kafka Streams state stores ({@code pagebox.kafka-streams.*}). */
@NullMarked
package dev.pagebox.spring.autoconfigure.kafka;

import org.jspecify.annotations.NullMarked;
