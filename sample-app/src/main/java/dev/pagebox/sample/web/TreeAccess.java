/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import dev.pagebox.sample.kv.KvLimits;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns request path text into trees and keys, checking the engine's rules first so that a violation is a 400
 * naming the limit. Any tree name works: a write creates the tree ({@link Pagebox#tree}), while a read of a tree
 * that does not exist sees an empty tree and creates nothing, so a mistyped GET leaves no tree behind.
 */
@Component
final class TreeAccess {
    private final Pagebox store;
    private final int maxKeyBytes;

    TreeAccess(Pagebox store) {
        this.store = store;
        this.maxKeyBytes = KvLimits.maxKeyBytes(store);
    }

    /** The tree to write to, created if the store has none of this name. */
    PageboxTree forWrite(String name) {
        checkName(name);
        return store.tree(name);
    }

    /**
     * The tree to read, or null if the store has none of this name. It asks the store's catalog each time (a few
     * names in memory) rather than caching, so a tree dropped meanwhile is not brought back by a read.
     */
    @Nullable
    PageboxTree forRead(String name) {
        checkName(name);
        return store.trees().contains(name) ? store.tree(name) : null;
    }

    /** The bytes of a key from the path: UTF-8, not empty, within the store's key limit. */
    byte[] key(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw KvProblems.emptyKey();
        }
        if (bytes.length > maxKeyBytes) {
            throw KvProblems.keyTooLong(bytes.length, maxKeyBytes);
        }
        return bytes;
    }

    private static void checkName(String name) {
        try {
            KvLimits.checkTreeName(name);
        } catch (IllegalArgumentException e) {
            throw KvProblems.invalidTreeName(name, e.getMessage());
        }
    }
}
