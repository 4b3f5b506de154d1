/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.util.List;

/**
 * What {@link Pagebox#verify} found.
 *
 * @param trees named trees checked
 * @param pagesChecked pages read (nodes and overflow chunks of every tree, the catalog included)
 * @param entries entries found in the named trees
 * @param leakedPages pages allocated but used by no tree (space lost, not data; left by operations a crash
 *     interrupted between allocating and logging)
 * @param problems damage found: checksum failures, keys out of order or outside their fences, broken overflow
 *     chains, pages in use but marked free
 */
public record VerifyReport(int trees, long pagesChecked, long entries, long leakedPages, List<String> problems) {
    /** Whether no damage was found (leaked pages are not damage). */
    public boolean isClean() {
        return problems.isEmpty();
    }
}
