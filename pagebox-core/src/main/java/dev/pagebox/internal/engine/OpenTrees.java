/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.btree.TreeLog;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.PageIo;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The trees a store has handed out, by name and by id, and how a tree is opened or created: a new tree gets the
 * next free id, logs its root page's image and only then enters the catalog (durably), so a tree is handed out only
 * once its catalog entry is durable. Opening and creating are serialised; finding an open tree takes no lock.
 */
final class OpenTrees {
    private final Engine engine;
    private final Catalog catalog;
    private final BufferPool pool;
    private final TreeLog log;
    private final PageIo io;
    private final Map<String, OpenTree> byName = new ConcurrentHashMap<>();
    private final Map<Integer, OpenTree> byId = new ConcurrentHashMap<>();
    private int nextTreeId;

    OpenTrees(Engine engine, Catalog catalog, BufferPool pool, TreeLog log, PageIo io) {
        this.engine = engine;
        this.catalog = catalog;
        this.pool = pool;
        this.log = log;
        this.io = io;
        this.nextTreeId = Catalog.TREE_ID + 1;
        for (Catalog.Entry entry : catalog.entries()) {
            nextTreeId = Math.max(nextTreeId, entry.treeId() + 1);
        }
    }

    /**
     * Returns the tree with this name, opening it, or creating it (durably) if the store has none.
     *
     * @param name the tree's name, 1 to 255 bytes of UTF-8
     * @return the tree
     */
    OpenTree get(String name) {
        OpenTree tree = byName.get(name);
        if (tree != null) {
            return tree;
        }
        synchronized (this) {
            tree = byName.get(name);
            if (tree == null) {
                tree = new OpenTree(engine, name, openOrCreate(name));
                byName.put(name, tree);
                byId.put(tree.treeId(), tree);
            }
            return tree;
        }
    }

    private BTree openOrCreate(String name) {
        int length = name.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > 255) {
            throw new IllegalArgumentException(
                    "tree name '" + name + "' is " + length + " bytes of UTF-8; names take 1 to 255 bytes");
        }
        Catalog.Entry entry = catalog.find(name);
        if (entry != null) {
            return open(entry.treeId(), entry.rootPageId());
        }
        engine.checkWritable();
        int treeId = nextTreeId++;
        BTree tree = BTree.create(pool, log, io, treeId);
        catalog.add(new Catalog.Entry(name, treeId, tree.rootPageId()));
        return tree;
    }

    /** Opens a tree that no caller has (a tree being dropped or recovered), without handing it out. */
    BTree open(int treeId, long rootPageId) {
        return BTree.open(pool, log, io, treeId, rootPageId);
    }

    /** The open tree with this id, or null. */
    @Nullable
    OpenTree byId(int treeId) {
        return byId.get(treeId);
    }

    /**
     * Forgets a tree that is being dropped; the caller holds this object's lock (see {@link TreeDrops}).
     *
     * @return the open tree, or null if none was handed out
     */
    @Nullable
    OpenTree remove(String name) {
        OpenTree open = byName.remove(name);
        if (open != null) {
            byId.remove(open.treeId());
        }
        return open;
    }

    /** The trees handed out so far. */
    Collection<OpenTree> all() {
        return byName.values();
    }
}
