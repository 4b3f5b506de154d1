/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import org.jspecify.annotations.Nullable;

/**
 * One step of an atomic batch: a put ({@code value != null}) or a delete.
 *
 * @param treeId the tree
 * @param key the key
 * @param value the value, or null for a delete
 */
public record BatchStep(int treeId, byte[] key, byte @Nullable [] value) {}
