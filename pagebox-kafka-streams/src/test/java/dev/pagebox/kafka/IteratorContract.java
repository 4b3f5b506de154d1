/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;

/** The iterator contract, checked against the entries a model store gave, for the contract tests. */
final class IteratorContract {
    private IteratorContract() {}

    /**
     * Walks {@code actual} against {@code expected}: {@code peekNextKey} before each {@code next} (and not advancing),
     * keys and values, sometimes an early close, else the end ({@code NoSuchElementException}); then that the closed
     * iterator throws {@link InvalidStateStoreException}.
     */
    static <K> void check(
            String what, List<KeyValue<K, byte[]>> expected, KeyValueIterator<K, byte[]> actual, Random random) {
        int stopAfter = random.nextInt(5) == 0 ? random.nextInt(4) : Integer.MAX_VALUE;
        try (actual) {
            int seen = 0;
            for (KeyValue<K, byte[]> want : expected) {
                if (seen >= stopAfter) {
                    break;
                }
                assertThat(actual.hasNext())
                        .as(what + ": entry " + seen + " of " + expected.size())
                        .isTrue();
                K peeked = actual.peekNextKey();
                assertThat(actual.peekNextKey())
                        .as("peekNextKey does not advance")
                        .isEqualTo(peeked);
                KeyValue<K, byte[]> got = actual.next();
                assertThat(describe(got.key))
                        .as(what)
                        .isEqualTo(describe(want.key))
                        .isEqualTo(describe(peeked));
                assertThat(got.key).as(what).isEqualTo(want.key);
                assertThat(got.value)
                        .as(what + " value of " + describe(got.key))
                        .isEqualTo(want.value);
                seen++;
            }
            if (seen < stopAfter) {
                assertThat(actual.hasNext()).as(what + ": no more entries").isFalse();
                assertThatThrownBy(actual::next).isInstanceOf(NoSuchElementException.class);
                assertThatThrownBy(actual::peekNextKey).isInstanceOf(NoSuchElementException.class);
            }
        }
        assertThatThrownBy(actual::hasNext).as("a closed iterator").isInstanceOf(InvalidStateStoreException.class);
    }

    /** Drains and closes an iterator. */
    static <K> List<KeyValue<K, byte[]>> drain(KeyValueIterator<K, byte[]> iterator) {
        try (iterator) {
            List<KeyValue<K, byte[]>> entries = new ArrayList<>();
            iterator.forEachRemaining(entries::add);
            return entries;
        }
    }

    /** The entries as text (keys in hex, windows, values), for readable comparisons. */
    static <K> List<String> describe(List<KeyValue<K, byte[]>> entries) {
        List<String> described = new ArrayList<>();
        entries.forEach(entry -> described.add(describe(entry.key) + "=" + Arrays.toString(entry.value)));
        return described;
    }

    static String describe(Object key) {
        if (key instanceof Bytes bytes) {
            return HexFormat.of().formatHex(bytes.get());
        }
        if (key instanceof Windowed<?> windowed) {
            return describe(windowed.key()) + "@" + windowed.window().start() + ".."
                    + windowed.window().end();
        }
        return String.valueOf(key);
    }
}
