/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The keys a Kafka Streams iterator covers: {@code lower <= key <= upper} (both inclusive, as in
 * {@code KeyValueStore.range}; null is open), or every key that starts with {@code prefix}. Keys compare unsigned
 * and lexicographically, a shorter prefix first: Kafka's {@code Bytes} order and Pagebox's.
 */
record KeyBounds(byte @Nullable [] lower, byte @Nullable [] upper, byte @Nullable [] prefix) {
    static final KeyBounds ALL = new KeyBounds(null, null, null);

    static KeyBounds range(byte @Nullable [] lower, byte @Nullable [] upper) {
        return new KeyBounds(lower, upper, null);
    }

    static KeyBounds prefix(byte[] prefix) {
        return new KeyBounds(prefix, null, prefix);
    }

    /** Whether {@code lower > upper}, which Kafka answers with an empty iterator. */
    boolean empty() {
        return lower != null && upper != null && Arrays.compareUnsigned(lower, upper) > 0;
    }

    /** Whether a key lies past the end of the bounds in the direction of travel. */
    boolean past(byte[] key, boolean forward) {
        if (forward) {
            if (prefix != null) {
                return !startsWith(key, prefix);
            }
            return upper != null && Arrays.compareUnsigned(key, upper) > 0;
        }
        return lower != null && Arrays.compareUnsigned(key, lower) < 0;
    }

    /** Whether a key lies within the bounds. */
    boolean contains(byte[] key) {
        return !past(key, true) && !past(key, false);
    }

    /**
     * The greatest of {@code key[0..j) | suffix} over every {@code j} from 0 to {@code key.length}: an upper bound of
     * every {@code k | s} with {@code k <= key} and {@code s <= suffix} (suffixes of one length). A {@code k} that is a
     * prefix of {@code key} is bounded by its own term; any other {@code k < key} differs from {@code key} at some
     * byte {@code i} where it is smaller, so it sorts below the term of {@code key} itself.
     */
    static byte[] greatestPrefixWith(byte[] key, byte[] suffix) {
        byte[] greatest = null;
        for (int j = 0; j <= key.length; j++) {
            byte[] candidate = Arrays.copyOf(key, j + suffix.length);
            System.arraycopy(suffix, 0, candidate, j, suffix.length);
            if (greatest == null || Arrays.compareUnsigned(candidate, greatest) > 0) {
                greatest = candidate;
            }
        }
        return greatest;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
