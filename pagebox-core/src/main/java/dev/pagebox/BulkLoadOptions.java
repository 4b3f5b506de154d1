/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

/**
 * Options of {@link Pagebox#bulkLoad}: immutable, each {@code with*} method returns a copy.
 *
 * <p>{@code fill} is the fraction of each page the loaded nodes fill, from 0.5 to 1.0 (default
 * {@value #DEFAULT_FILL}). Full pages take the least room on disk and make scans fastest, but the first insert into
 * a full leaf splits it; leave room if the tree will take random inserts after the load.
 */
public final class BulkLoadOptions {
    /** The default fill. */
    public static final double DEFAULT_FILL = 0.9;

    private static final BulkLoadOptions DEFAULTS = new BulkLoadOptions(DEFAULT_FILL);

    private final double fill;

    private BulkLoadOptions(double fill) {
        if (!(fill >= 0.5 && fill <= 1.0)) {
            throw new IllegalArgumentException("fill must be between 0.5 and 1.0, not " + fill);
        }
        this.fill = fill;
    }

    /**
     * The default options.
     *
     * @return fill {@value #DEFAULT_FILL}
     */
    public static BulkLoadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with another fill.
     *
     * @param fill the fraction of each page the loaded nodes fill, 0.5 to 1.0
     * @return the copy
     * @throws IllegalArgumentException if {@code fill} is out of range
     */
    public BulkLoadOptions withFill(double fill) {
        return new BulkLoadOptions(fill);
    }

    /**
     * The fraction of each page the loaded nodes fill.
     *
     * @return 0.5 to 1.0
     */
    public double fill() {
        return fill;
    }

    @Override
    public String toString() {
        return "BulkLoadOptions[fill=" + fill + "]";
    }
}
