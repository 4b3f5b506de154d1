/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Key order (unsigned lexicographic) and prefix bounds. */
public final class Keys {
    private Keys() {}

    /** Compares two keys as unsigned byte strings. */
    public static int compare(MemorySegment a, MemorySegment b) {
        long mismatch = a.mismatch(b);
        if (mismatch < 0) {
            return 0;
        }
        if (mismatch == a.byteSize()) {
            return -1;
        }
        if (mismatch == b.byteSize()) {
            return 1;
        }
        return Integer.compare(NodeLayout.byteAt(a, mismatch), NodeLayout.byteAt(b, mismatch));
    }

    /** A copy of a segment's bytes. */
    public static byte[] bytes(MemorySegment segment) {
        byte[] bytes = new byte[Math.toIntExact(segment.byteSize())];
        MemorySegment.copy(segment, 0, MemorySegment.ofArray(bytes), 0, bytes.length);
        return bytes;
    }

    /**
     * The smallest key above every key that starts with {@code prefix}: the prefix with its last byte below 0xFF
     * incremented and what follows dropped.
     *
     * @return that key, or null if there is none (the prefix is empty or all 0xFF)
     */
    public static byte @Nullable [] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }
}
