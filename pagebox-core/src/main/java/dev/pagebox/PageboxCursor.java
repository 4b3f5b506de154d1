/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import dev.pagebox.internal.btree.TreeCursor;
import dev.pagebox.internal.engine.OpenTree;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A position in a {@link PageboxTree}: seek, step forward and backward, read the current entry. It holds no
 * latch between calls, so a slow consumer never blocks writers; it sees each entry consistently, and entries
 * changed while it moves may or may not be seen. Not thread-safe.
 *
 * <p>{@link #keyBuffer()} and {@link #valueBuffer()} are read-only views of the cursor's own buffers, valid until
 * it moves (no allocation per step), as are {@link #key()} and {@link #value()} (a small view object each);
 * {@link #keyBytes()} and {@link #valueBytes()} copy.
 */
public final class PageboxCursor {
    private final TreeCursor cursor;
    private final OpenTree tree;

    PageboxCursor(TreeCursor cursor, OpenTree tree) {
        this.cursor = cursor;
        this.tree = tree;
    }

    /** Moves to the first entry; false if the tree is empty. */
    public boolean first() {
        tree.enter();
        try {
            return cursor.first();
        } finally {
            tree.exit();
        }
    }

    /** Moves to the last entry; false if the tree is empty. */
    public boolean last() {
        tree.enter();
        try {
            return cursor.last();
        } finally {
            tree.exit();
        }
    }

    /** Moves to the first entry with a key {@code >= key}; false if there is none. */
    public boolean seek(byte[] key) {
        tree.enter();
        try {
            return cursor.seek(key);
        } finally {
            tree.exit();
        }
    }

    /** Moves to the last entry with a key {@code <= key}; false if there is none. */
    public boolean seekForPrev(byte[] key) {
        tree.enter();
        try {
            return cursor.seekForPrev(key);
        } finally {
            tree.exit();
        }
    }

    /** Moves to the next entry; false at the end. */
    public boolean next() {
        tree.enter();
        try {
            return cursor.next();
        } finally {
            tree.exit();
        }
    }

    /** Moves to the previous entry; false at the start. */
    public boolean previous() {
        tree.enter();
        try {
            return cursor.previous();
        } finally {
            tree.exit();
        }
    }

    /** Whether the cursor is on an entry. */
    public boolean isPositioned() {
        return cursor.isPositioned();
    }

    /** The current key, read-only, valid until the cursor moves. */
    public MemorySegment key() {
        return cursor.key();
    }

    /** The current value, read-only, valid until the cursor moves. */
    public MemorySegment value() {
        return cursor.value();
    }

    /** The current key as a read-only buffer (position 0, limit its length), valid until the cursor moves. */
    public ByteBuffer keyBuffer() {
        return cursor.keyBuffer();
    }

    /** The current value as a read-only buffer (position 0, limit its length), valid until the cursor moves. */
    public ByteBuffer valueBuffer() {
        return cursor.valueBuffer();
    }

    /** A copy of the current key. */
    public byte[] keyBytes() {
        return cursor.keyBytes();
    }

    /** A copy of the current value. */
    public byte[] valueBytes() {
        return cursor.valueBytes();
    }
}
