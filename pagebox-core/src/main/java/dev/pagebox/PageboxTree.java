/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.btree.Keys;
import dev.pagebox.internal.btree.TreeScan;
import dev.pagebox.internal.btree.ViewVisitor;
import dev.pagebox.internal.engine.OpenTree;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * A named tree of a {@link Pagebox} store: byte-string keys (up to an eighth of the page size) in unsigned
 * lexicographic order, values up to 16 MiB. Thread-safe. Writes use the store's commit mode unless a call
 * names one. Once the tree is dropped or the store closed, every call throws {@link PageboxClosedException}.
 */
public final class PageboxTree {
    private static final int SCANNER_SLOTS = 16;

    private final OpenTree open;
    private final CommitMode defaultMode;
    /**
     * Idle scanners (a scan copies leaves into its scanner's half-page buffer), reused across scans: a thread takes
     * the one in the slot of its id and puts it back, so a scan allocates nothing in the steady state. Slots rather
     * than a thread-local: a virtual thread per request would otherwise make a scanner per request, and a
     * thread-local would keep each thread's scanner, and the pool it reaches, after the store closed.
     */
    private final AtomicReferenceArray<@Nullable TreeScan> scanners = new AtomicReferenceArray<>(SCANNER_SLOTS);

    PageboxTree(OpenTree open) {
        this.open = open;
        this.defaultMode = open.owner().options().commitMode();
    }

    OpenTree open() {
        return open;
    }

    /** The tree's name. */
    public String name() {
        return open.name();
    }

    /** The value of a key, or null. */
    public byte @Nullable [] get(byte[] key) {
        BTree tree = open.enter();
        try {
            return tree.get(key);
        } finally {
            open.exit();
        }
    }

    /** Whether the tree holds the key. */
    public boolean contains(byte[] key) {
        BTree tree = open.enter();
        try {
            return tree.contains(key);
        } finally {
            open.exit();
        }
    }

    /** Inserts or replaces; returns whether it replaced a value. */
    public boolean put(byte[] key, byte[] value) {
        return put(key, value, defaultMode);
    }

    /** Inserts or replaces with the given commit mode; returns whether it replaced a value. */
    public boolean put(byte[] key, byte[] value, CommitMode mode) {
        BTree tree = open.enterForWrite();
        try {
            return tree.put(key, value, mode);
        } finally {
            open.exit();
        }
    }

    /** Inserts unless the key is present; returns whether it inserted. */
    public boolean insert(byte[] key, byte[] value) {
        BTree tree = open.enterForWrite();
        try {
            return tree.insert(key, value, defaultMode);
        } finally {
            open.exit();
        }
    }

    /** Deletes; returns whether the key was present. */
    public boolean delete(byte[] key) {
        return delete(key, defaultMode);
    }

    /** Deletes with the given commit mode; returns whether the key was present. */
    public boolean delete(byte[] key, CommitMode mode) {
        BTree tree = open.enterForWrite();
        try {
            return tree.delete(key, mode);
        } finally {
            open.exit();
        }
    }

    /** A new cursor on this tree, not yet positioned. */
    public PageboxCursor cursor() {
        BTree tree = open.enter();
        try {
            return new PageboxCursor(tree.cursor(), open);
        } finally {
            open.exit();
        }
    }

    /**
     * Counts the entries by walking the leaves without latches: exact on a quiet tree, approximate while writers
     * run; it reads every leaf, so it costs time in proportion to the tree's size.
     */
    public long count() {
        return stats().entries();
    }

    /**
     * The tree's shape and size, by walking every node without latches (exact on a quiet tree, approximate while
     * writers run); it costs time in proportion to the tree's size.
     */
    public PageboxTreeStats stats() {
        BTree tree = open.enter();
        try {
            return tree.stats(name());
        } finally {
            open.exit();
        }
    }

    /**
     * Visits the entries with {@code from <= key < to} in ascending order (null bounds are open) until the
     * visitor returns false. Keys and values are copies, the visitor's to keep; {@link #scan} is the same without
     * the copies.
     */
    public void range(byte @Nullable [] from, byte @Nullable [] to, BiPredicate<byte[], byte[]> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        scan(from, to, false, copying(visitor));
    }

    /** Visits the entries with {@code from <= key < to} in descending order until the visitor returns false. */
    public void rangeReverse(byte @Nullable [] from, byte @Nullable [] to, BiPredicate<byte[], byte[]> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        scan(from, to, true, copying(visitor));
    }

    /**
     * Visits the entries with {@code from <= key < to} in ascending order (null bounds are open) until the
     * visitor returns false, without copying them for the visitor: it gets read-only views that are valid only
     * during its call (see {@link ScanVisitor}; copy what you keep). The views show a private copy of each leaf's
     * entries that the scan took and validated, so they never show a torn entry. Allocates nothing per entry.
     */
    public void scan(byte @Nullable [] from, byte @Nullable [] to, ScanVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        scan(from, to, false, visitor::visit);
    }

    /** {@link #scan} in descending order: the entries with {@code from <= key < to}, largest key first. */
    public void scanReverse(byte @Nullable [] from, byte @Nullable [] to, ScanVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        scan(from, to, true, visitor::visit);
    }

    /**
     * The exclusive upper bound of the keys that start with {@code prefix}: the smallest key above all of them, which
     * is the prefix without its trailing {@code 0xFF} bytes and with its last byte incremented. So
     * {@code range(prefix, prefixEnd(prefix), visitor)} visits what {@code prefix(prefix, visitor)} visits, and a
     * prefix combines with other bounds by intersection.
     *
     * @param prefix a key prefix
     * @return the bound, or null if there is none (the prefix is empty or all {@code 0xFF}: no key is above them all)
     */
    public static byte @Nullable [] prefixEnd(byte[] prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return Keys.prefixEnd(prefix);
    }

    /** Visits the entries whose keys start with {@code prefix}, in ascending order, until the visitor returns false. */
    public void prefix(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        scan(prefix, prefixEnd(prefix), false, copying(visitor));
    }

    /** Visits the entries whose keys start with {@code prefix}, in descending order, until the visitor returns false. */
    public void prefixReverse(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        scan(prefix, prefixEnd(prefix), true, copying(visitor));
    }

    /** {@link #prefix} without copies: views valid only during the visitor's call (see {@link ScanVisitor}). */
    public void scanPrefix(byte[] prefix, ScanVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        scan(prefix, prefixEnd(prefix), false, visitor::visit);
    }

    /** {@link #prefixReverse} without copies: views valid only during the visitor's call (see {@link ScanVisitor}). */
    public void scanPrefixReverse(byte[] prefix, ScanVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        scan(prefix, prefixEnd(prefix), true, visitor::visit);
    }

    private void scan(byte @Nullable [] from, byte @Nullable [] to, boolean reverse, ViewVisitor visitor) {
        BTree tree = open.enter();
        try {
            int slot = (int) Thread.currentThread().threadId() & (SCANNER_SLOTS - 1);
            // Empty while another scan of the slot runs (another thread, or a visitor scanning from its call).
            TreeScan scan = scanners.getAndSet(slot, null);
            if (scan == null) {
                scan = tree.cursor().newScan();
            }
            try {
                scan.scan(from, true, to, false, reverse, visitor);
            } finally {
                scanners.setRelease(slot, scan);
            }
        } finally {
            open.exit();
        }
    }

    private static ViewVisitor copying(BiPredicate<byte[], byte[]> visitor) {
        return (key, value) -> visitor.test(bytes(key), bytes(value));
    }

    private static byte[] bytes(ByteBuffer view) {
        byte[] bytes = new byte[view.remaining()];
        view.get(view.position(), bytes);
        return bytes;
    }
}
