/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.btree.Keys;
import dev.pagebox.internal.engine.Engine;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * A named tree of a {@link Pagebox} store: byte-string keys (up to an eighth of the page size) in unsigned
 * lexicographic order, values up to 16 MiB. Thread-safe. Writes use the store's commit mode unless a call
 * names one.
 */
public final class PageboxTree {
    private final String name;
    private final BTree tree;
    private final Engine engine;

    PageboxTree(String name, BTree tree, Engine engine) {
        this.name = name;
        this.tree = tree;
        this.engine = engine;
    }

    int treeId() {
        return tree.treeId();
    }

    /** The tree's name. */
    public String name() {
        return name;
    }

    /** The value of a key, or null. */
    public byte @Nullable [] get(byte[] key) {
        engine.enter();
        try {
            return tree.get(key);
        } finally {
            engine.exit();
        }
    }

    /** Whether the tree holds the key. */
    public boolean contains(byte[] key) {
        engine.enter();
        try {
            return tree.contains(key);
        } finally {
            engine.exit();
        }
    }

    /** Inserts or replaces; returns whether it replaced a value. */
    public boolean put(byte[] key, byte[] value) {
        return put(key, value, engine.options().commitMode());
    }

    /** Inserts or replaces with the given commit mode; returns whether it replaced a value. */
    public boolean put(byte[] key, byte[] value, CommitMode mode) {
        engine.enter();
        try {
            return tree.put(key, value, mode);
        } finally {
            engine.exit();
        }
    }

    /** Inserts unless the key is present; returns whether it inserted. */
    public boolean insert(byte[] key, byte[] value) {
        engine.enter();
        try {
            return tree.insert(key, value, engine.options().commitMode());
        } finally {
            engine.exit();
        }
    }

    /** Deletes; returns whether the key was present. */
    public boolean delete(byte[] key) {
        return delete(key, engine.options().commitMode());
    }

    /** Deletes with the given commit mode; returns whether the key was present. */
    public boolean delete(byte[] key, CommitMode mode) {
        engine.enter();
        try {
            return tree.delete(key, mode);
        } finally {
            engine.exit();
        }
    }

    /** A new cursor on this tree, not yet positioned. */
    public PageboxCursor cursor() {
        return new PageboxCursor(tree.cursor(), engine);
    }

    /**
     * Counts the entries by walking the leaves without latches: exact on a quiet tree, approximate while writers
     * run; it reads every leaf, so it costs time in proportion to the tree's size.
     */
    public long count() {
        engine.enter();
        try {
            return tree.stats().entries();
        } finally {
            engine.exit();
        }
    }

    /**
     * Visits the entries with {@code from <= key < to} in order (null bounds are open) until the visitor returns
     * false. Keys and values are copies.
     */
    public void range(byte @Nullable [] from, byte @Nullable [] to, BiPredicate<byte[], byte[]> visitor) {
        engine.enter();
        try {
            tree.scan(from, true, to, false, false, (key, value) -> visitor.test(Keys.bytes(key), Keys.bytes(value)));
        } finally {
            engine.exit();
        }
    }

    /** Visits the entries whose keys start with {@code prefix}, in order, until the visitor returns false. */
    public void prefix(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        engine.enter();
        try {
            tree.scanPrefix(prefix, false, (key, value) -> visitor.test(Keys.bytes(key), Keys.bytes(value)));
        } finally {
            engine.exit();
        }
    }
}
