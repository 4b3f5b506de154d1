/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

/**
 * The shape of a tree at one moment (counted while writers go on, so a busy tree's figures are approximate).
 *
 * @param height levels, 1 for a tree that is a single leaf
 * @param innerPages inner nodes, the root included when it is one
 * @param leafPages leaves
 * @param overflowPages pages holding overflow values
 * @param entries key-value pairs
 * @param usedBytes bytes nodes use for slots, keys, values and fences
 * @param allocatedBytes bytes of the nodes' pages
 */
public record TreeStats(
        int height,
        long innerPages,
        long leafPages,
        long overflowPages,
        long entries,
        long usedBytes,
        long allocatedBytes) {

    /** The share of node bytes in use, 0 to 1. */
    public double fillFactor() {
        return allocatedBytes == 0 ? 0 : (double) usedBytes / allocatedBytes;
    }
}
