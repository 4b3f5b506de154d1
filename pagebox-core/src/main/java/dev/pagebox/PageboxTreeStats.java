/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/**
 * The shape and size of a {@link PageboxTree}.
 *
 * @param name the tree's name
 * @param height levels of nodes, 1 for a tree that is a single leaf
 * @param innerPages inner nodes
 * @param leafPages leaves
 * @param overflowPages pages holding values too large for a leaf
 * @param entries key-value pairs
 * @param usedBytes bytes of nodes in use (slots, keys, values, headers)
 * @param allocatedBytes bytes of the nodes' pages
 */
public record PageboxTreeStats(
        String name,
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
