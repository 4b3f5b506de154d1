/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * Test support for Pagebox users. {@link dev.pagebox.test.TemporaryPageboxDirectory} gives each Spring test context a
 * store directory of its own, deleted when the context closes. The fault-injecting file system for engine tests,
 * {@code dev.pagebox.testing.FaultInjectingFileSystem}, comes with this artifact from core's test fixtures.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.test;
