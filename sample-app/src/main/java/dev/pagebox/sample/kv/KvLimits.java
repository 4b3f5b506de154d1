/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.kv;

import dev.pagebox.Pagebox;
import java.nio.charset.StandardCharsets;

/**
 * The engine's size rules, checked before a request reaches it so that a violation is a client error naming the
 * limit (and a 16 MiB upload is refused before it is read): keys up to an eighth of the page, values up to 16 MiB,
 * tree names of 1 to 255 bytes of UTF-8 (see {@code PageboxTree} and {@code Pagebox.tree}).
 */
public final class KvLimits {
    /** The largest value a tree takes, in bytes: 16 MiB. */
    public static final int MAX_VALUE_BYTES = 16 << 20;

    /** The longest tree name, in bytes of UTF-8. */
    public static final int MAX_TREE_NAME_BYTES = 255;

    private KvLimits() {}

    /**
     * The longest key the store takes: an eighth of its page size (an existing store keeps the page size it was
     * created with, so this asks the open store rather than the options).
     *
     * @param store an open store
     * @return the limit in bytes
     */
    public static int maxKeyBytes(Pagebox store) {
        return store.stats().pool().pageSize() / 8;
    }

    /**
     * Checks a tree name against the engine's rule.
     *
     * @param name the name
     * @throws IllegalArgumentException naming the rule, if the name breaks it
     */
    public static void checkTreeName(String name) {
        int length = name.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > MAX_TREE_NAME_BYTES) {
            throw new IllegalArgumentException(
                    "tree name is " + length + " bytes of UTF-8; names take 1 to " + MAX_TREE_NAME_BYTES + " bytes");
        }
    }
}
