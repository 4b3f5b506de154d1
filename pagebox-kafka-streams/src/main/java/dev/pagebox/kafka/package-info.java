/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * Pagebox as a Kafka Streams key-value state store. Start with {@link dev.pagebox.kafka.PageboxStores}.
 *
 * <p>Every store of one application instance (one state directory) shares one {@link dev.pagebox.Pagebox}, and
 * so one memory budget; each store and partition is one tree of it.
 */
@NullMarked
package dev.pagebox.kafka;

import org.jspecify.annotations.NullMarked;
