/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.kv;

import dev.pagebox.PageboxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Ordered scans of a {@link KeyRange}, ascending or descending, on the tree's own range scans. A scan sees each
 * entry consistently but is not a snapshot: entries written while it runs may or may not be seen.
 */
public final class RangeScan {
    private RangeScan() {}

    /**
     * Visits the entries of {@code range} in key order (descending if {@code reverse}) until the visitor returns
     * false.
     *
     * @param tree the tree
     * @param range the keys to visit
     * @param reverse whether to go from the highest key down
     * @param visitor gets copies of each key and value; returns whether to go on
     */
    public static void forEach(PageboxTree tree, KeyRange range, boolean reverse, BiPredicate<byte[], byte[]> visitor) {
        if (range.isEmpty()) {
            return;
        }
        if (reverse) {
            tree.rangeReverse(range.from(), range.to(), visitor);
        } else {
            tree.range(range.from(), range.to(), visitor);
        }
    }

    /**
     * Collects the first {@code limit} entries of {@code range}.
     *
     * @param tree the tree
     * @param range the keys to visit
     * @param reverse whether to go from the highest key down
     * @param limit the most entries to return, at least 1
     * @return the entries, and whether the range has more
     */
    public static ScanPage page(PageboxTree tree, KeyRange range, boolean reverse, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is " + limit + " but must be at least 1");
        }
        List<KeyValue> entries = new ArrayList<>(Math.min(limit, 1024));
        boolean[] more = {false};
        forEach(tree, range, reverse, (key, value) -> {
            if (entries.size() == limit) {
                more[0] = true;
                return false;
            }
            entries.add(new KeyValue(key, value));
            return true;
        });
        return new ScanPage(entries, more[0]);
    }
}
