/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * The B+tree: slotted pages with fence keys, prefix truncation and 8-byte key heads, optimistic lock coupling
 * over the buffer pool, physiological WAL records with redo, overflow values and latch-free cursors.
 *
 * <p>Start at {@link dev.pagebox.internal.btree.BTree}, the entry point of one tree, which checks input and hands
 * each operation to the part that owns it. Who owns what:
 * <ul>
 *   <li>{@link dev.pagebox.internal.btree.TreeAccess}: the optimistic descent and the restart loop that every
 *       other part uses (nothing below calls back into {@code BTree});
 *   <li>{@link dev.pagebox.internal.btree.LeafWriter} with its {@link dev.pagebox.internal.btree.LeafWrite}
 *       values: puts and deletes; {@link dev.pagebox.internal.btree.TreeStructure}: splits and merges;
 *       {@link dev.pagebox.internal.btree.FullPageImages}: torn-page protection of every change;
 *   <li>{@link dev.pagebox.internal.btree.TreeCursor}: seeks and steps;
 *       {@link dev.pagebox.internal.btree.TreeScan}: range scans in batches, each a copy of up to 16 entries of
 *       one leaf taken under one optimistic read and validated before the visitor gets read-only views of it
 *       ({@link dev.pagebox.internal.btree.ViewVisitor}; the zero-copy scans of {@code PageboxTree}); {@link dev.pagebox.internal.btree.LevelWalks}:
 *       the whole-tree walks behind stats and drops; {@link dev.pagebox.internal.btree.ValueReader}: copying
 *       values out, overflow values through {@link dev.pagebox.internal.btree.OverflowValues};
 *   <li>{@link dev.pagebox.internal.btree.BulkLoader}: bulk loads of sorted input into an empty tree, built
 *       bottom-up outside the log and attached by one record;
 *   <li>{@link dev.pagebox.internal.btree.TreeOwner}: what the buffer pool asks of a tree (child swips, parents);
 *   <li>byte layouts: {@link dev.pagebox.internal.btree.NodeLayout} (nodes),
 *       {@link dev.pagebox.internal.btree.OverflowPageLayout} (overflow pages),
 *       {@link dev.pagebox.internal.btree.TreeRecords} (log records); page changes shared by run time and redo:
 *       {@link dev.pagebox.internal.btree.NodeOps}; recovery: {@link dev.pagebox.internal.btree.TreeRedo}.
 * </ul>
 *
 * <p>Dependencies: {@code internal.buffer} (frames, latches, swip resolution), {@code internal.wal} (redo holds;
 * records go through {@link dev.pagebox.internal.btree.TreeLog}), {@code internal.page} and {@code internal.swip}.
 */
@NullMarked
package dev.pagebox.internal.btree;

import org.jspecify.annotations.NullMarked;
