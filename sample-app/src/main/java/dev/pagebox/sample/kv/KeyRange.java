/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.kv;

import dev.pagebox.PageboxTree;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The keys a scan visits: {@code from <= key < to} in unsigned lexicographic order, a null bound being open. A
 * prefix is the range from the prefix to the first key past every key that starts with it
 * ({@link PageboxTree#prefixEnd}), so a prefix and a range combine by intersection. Immutable: the bounds are copied in and never handed out.
 */
public final class KeyRange {
    private static final KeyRange ALL = new KeyRange(null, null);

    private final byte @Nullable [] from;
    private final byte @Nullable [] to;

    private KeyRange(byte @Nullable [] from, byte @Nullable [] to) {
        this.from = from;
        this.to = to;
    }

    /** Every key. */
    public static KeyRange all() {
        return ALL;
    }

    /**
     * The keys that start with {@code prefix} (if given) and lie in {@code [from, to)}.
     *
     * @param prefix a key prefix, or null (an empty prefix matches every key)
     * @param from the inclusive lower bound, or null
     * @param to the exclusive upper bound, or null
     * @return the range, possibly empty
     */
    public static KeyRange of(byte @Nullable [] prefix, byte @Nullable [] from, byte @Nullable [] to) {
        byte[] lower = from == null ? null : from.clone();
        byte[] upper = to == null ? null : to.clone();
        if (prefix != null && prefix.length > 0) {
            if (lower == null || Arrays.compareUnsigned(prefix, lower) > 0) {
                lower = prefix.clone();
            }
            byte[] prefixEnd = PageboxTree.prefixEnd(prefix);
            if (prefixEnd != null && (upper == null || Arrays.compareUnsigned(prefixEnd, upper) < 0)) {
                upper = prefixEnd;
            }
        }
        return new KeyRange(lower, upper);
    }

    /** Whether no key can lie in the range. */
    public boolean isEmpty() {
        return from != null && to != null && Arrays.compareUnsigned(from, to) >= 0;
    }

    /** Whether {@code key} is at or above the lower bound. */
    public boolean atOrAboveLower(byte[] key) {
        return from == null || Arrays.compareUnsigned(key, from) >= 0;
    }

    /** Whether {@code key} is below the upper bound. */
    public boolean belowUpper(byte[] key) {
        return to == null || Arrays.compareUnsigned(key, to) < 0;
    }

    /** Whether {@code key} lies in the range. */
    public boolean contains(byte[] key) {
        return atOrAboveLower(key) && belowUpper(key);
    }

    byte @Nullable [] from() {
        return from;
    }

    byte @Nullable [] to() {
        return to;
    }

    @Override
    public String toString() {
        return "[" + (from == null ? "-inf" : Arrays.toString(from)) + ", "
                + (to == null ? "+inf" : Arrays.toString(to)) + ")";
    }
}
