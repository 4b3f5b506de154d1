/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * The Actuator endpoints: {@code pagebox} (store statistics, a checkpoint on demand) and {@code pageboxbackup} (online
 * backups), with their HTTP extensions, which answer an operation a store cannot run with a status saying why.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.spring.endpoint;
