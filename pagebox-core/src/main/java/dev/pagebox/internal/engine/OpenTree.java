/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.PageboxClosedException;
import dev.pagebox.internal.btree.BTree;

/**
 * A tree opened through an {@link Engine}, with the gate every call on it passes. Dropping the tree or closing
 * the store closes the gate and waits for the calls inside, so no call ever runs on pages being freed.
 */
public final class OpenTree {
    private final Engine owner;
    private final String name;
    private final BTree tree;
    private final InFlight gate;

    OpenTree(Engine owner, String name, BTree tree) {
        this.owner = owner;
        this.name = name;
        this.tree = tree;
        this.gate = new InFlight("tree '" + name + "' of the store in " + owner.directory());
    }

    /** The engine the tree belongs to. */
    public Engine owner() {
        return owner;
    }

    /** The tree's name. */
    public String name() {
        return name;
    }

    /** The tree's id in the catalog and in its pages. */
    public int treeId() {
        return tree.treeId();
    }

    /**
     * Enters a call on the tree; pair with {@link #exit()} in a finally block.
     *
     * @return the tree
     * @throws PageboxClosedException if the tree was dropped or the store closed
     */
    public BTree enter() {
        gate.enter();
        return tree;
    }

    /**
     * Enters a call that writes to the tree: refused first if the store takes no writes now (a full disk).
     *
     * @return the tree
     * @throws dev.pagebox.DiskFullException if the disk is full
     * @throws PageboxClosedException if the tree was dropped or the store closed
     */
    public BTree enterForWrite() {
        owner.checkWritable();
        return enter();
    }

    /** Leaves a call entered with {@link #enter()}. */
    public void exit() {
        gate.exit();
    }

    /** The tree, for callers that hold the store's own gate while no drop can run. */
    BTree tree() {
        return tree;
    }

    /** Refuses new calls, as the store is closing, and waits for the ones inside. */
    void closeWithStore() {
        gate.closeAndDrain();
    }

    /** Refuses new calls, as the tree is being dropped, and waits for the ones inside. */
    void closeForDrop() {
        gate.closeAndDrain("dropped tree '" + name + "' of the store in " + owner.directory());
    }
}
