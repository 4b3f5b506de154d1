/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.btree.Keys;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The named trees of a store, kept in a B+tree of its own (tree id {@value #TREE_ID}, its root in the store
 * header): key = the name in UTF-8, value = tree id (u32) and root page id (u64), little-endian. Catalog changes
 * are logged like any tree change.
 */
final class Catalog {
    static final int TREE_ID = 1;

    /** A catalog entry. */
    record Entry(String name, int treeId, long rootPageId) {}

    private final BTree tree;

    Catalog(BTree tree) {
        this.tree = tree;
    }

    BTree tree() {
        return tree;
    }

    @Nullable
    Entry find(String name) {
        byte[] value = tree.get(key(name));
        return value == null ? null : decode(name, value);
    }

    void add(Entry entry) {
        ByteBuffer value = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        value.putInt(entry.treeId()).putLong(entry.rootPageId());
        if (!tree.insert(key(entry.name()), value.array(), CommitMode.STRICT)) {
            throw new IllegalStateException("tree " + entry.name() + " is already in the catalog");
        }
    }

    /** Removes an entry; returns whether there was one. The change is logged but not flushed. */
    boolean remove(String name) {
        return tree.delete(key(name), CommitMode.NONE);
    }

    @Nullable
    Entry find(int treeId) {
        return entries().stream().filter(e -> e.treeId() == treeId).findFirst().orElse(null);
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        tree.scan(null, true, null, true, false, (key, value) -> {
            String name = new String(Keys.bytes(key), StandardCharsets.UTF_8);
            entries.add(decode(name, Keys.bytes(value)));
            return true;
        });
        return entries;
    }

    private static Entry decode(String name, byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        return new Entry(name, buffer.getInt(), buffer.getLong());
    }

    private static byte[] key(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
