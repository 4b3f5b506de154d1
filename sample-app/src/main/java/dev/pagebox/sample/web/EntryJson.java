/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import dev.pagebox.sample.kv.KeyValue;
import dev.pagebox.sample.kv.Utf8Text;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A scan entry in JSON. Keys and values are bytes; each is given exactly one way: as {@code key} / {@code value}
 * (a JSON string) when its bytes are well-formed UTF-8, otherwise as {@code keyBase64} / {@code valueBase64}
 * (standard Base64 with padding), the other member being absent ({@code spring.jackson.default-property-inclusion
 * =non_null}). No bytes are ever replaced.
 *
 * @param key the key as text, or null if it is not UTF-8
 * @param keyBase64 the key in Base64, or null if it is UTF-8
 * @param value the value as text, or null if it is not UTF-8
 * @param valueBase64 the value in Base64, or null if it is UTF-8
 */
record EntryJson(
        @Nullable String key,
        @Nullable String keyBase64,
        @Nullable String value,
        @Nullable String valueBase64) {

    static EntryJson of(KeyValue entry) {
        String key = Utf8Text.decode(entry.key());
        String value = Utf8Text.decode(entry.value());
        return new EntryJson(
                key,
                key == null ? Base64.getEncoder().encodeToString(entry.key()) : null,
                value,
                value == null ? Base64.getEncoder().encodeToString(entry.value()) : null);
    }
}
