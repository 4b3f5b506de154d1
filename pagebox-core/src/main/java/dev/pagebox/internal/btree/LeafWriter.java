/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.CorruptPageException;
import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.page.PageHeaderLayout;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * Puts and deletes: finds the leaf optimistically, upgrades only the leaf's latch, logs the change and applies it
 * ({@link NodeOps}) under that latch, and splits first when the leaf lacks room. Overflow values are written before
 * the record that references them, and replaced ones freed once the record that drops them is durable. A
 * {@code STRICT} caller waits for durability after the latch is released.
 */
final class LeafWriter {
    private static final long[] NONE = TreeRecords.noPages();

    private final TreeAccess access;
    private final Frames frames;
    private final TreeLog log;
    private final OverflowValues overflow;
    private final FullPageImages images;
    private final TreeStructure structure;
    private final int treeId;
    private final int maxInlineEntry;

    LeafWriter(
            TreeAccess access, TreeLog log, OverflowValues overflow, FullPageImages images, TreeStructure structure) {
        this.access = access;
        this.frames = access.frames();
        this.log = log;
        this.overflow = overflow;
        this.images = images;
        this.structure = structure;
        this.treeId = access.treeId();
        this.maxInlineEntry = access.pageSize() / 4;
    }

    /** Puts a checked key and value; returns whether the key was present (and left it unchanged if asked). */
    boolean upsert(MemorySegment key, byte[] value, boolean onlyIfAbsent, CommitMode mode, BatchTag tag) {
        LeafWrite write = LeafWrite.put(key, onlyIfAbsent, mode, tag, log);
        try {
            MemorySegment v = MemorySegment.ofArray(value);
            if (NodeLayout.LEAF_SLOT + key.byteSize() + value.length > maxInlineEntry) {
                long[] chain = overflow.write(treeId, v, write.hold());
                write.value(
                        new OverflowRef(value.length, chain[0]).encode(),
                        OverflowRef.SIZE | NodeLayout.OVERFLOW_FLAG,
                        chain);
            } else {
                write.value(v, value.length, NONE);
            }
            try {
                writeLeaf(write);
            } finally {
                if (write.allocated.length > 0 && !write.changed) {
                    overflow.free(write.allocated); // never referenced by a logged record
                }
            }
            finish(write);
            return write.existed;
        } finally {
            write.closeHold();
        }
    }

    /** Deletes a checked key; returns whether it was present. */
    boolean delete(MemorySegment key, CommitMode mode, BatchTag tag) {
        LeafWrite write = LeafWrite.delete(key, mode, tag, log);
        try {
            writeLeaf(write);
            finish(write);
        } finally {
            write.closeHold();
        }
        if (write.underfull) {
            structure.tryMerge(key, 0);
        }
        return write.existed;
    }

    /** Puts or deletes the key in its leaf, splitting first when the leaf is full. */
    private void writeLeaf(LeafWrite write) {
        access.untilValid(new Descent(), d -> tryWriteLeaf(write, d) ? Boolean.TRUE : null);
    }

    /** One attempt at a leaf change; false means restart. */
    private boolean tryWriteLeaf(LeafWrite write, Descent d) {
        if (!access.descend(write.key, 0, d)) {
            return false;
        }
        MemorySegment page = frames.page(d.frame);
        int found = Node.search(page, write.key);
        int position = found >>> 1;
        boolean exact = (found & 1) != 0;
        MemorySegment inline = write.inline;
        if ((inline == null && !exact) || (write.onlyIfAbsent && exact)) {
            write.existed = exact;
            return write.tag == BatchTag.NONE ? frames.validate(d.frame, d.stamp) : logStep(write, d);
        }
        long[] freed = NONE;
        int oldBytes = 0;
        if (exact) {
            oldBytes = NodeLayout.LEAF_SLOT
                    + NodeLayout.keyLength(page, NodeLayout.slot(NodeLayout.LEAF_SLOT, position))
                    + Node.inlineValueLength(page, position);
            if (Node.isOverflow(page, position)) {
                freed = chainOf(page, position, d);
                if (freed == null) {
                    return false;
                }
                write.hold(); // before the record that drops the chain; closed once its pages are freed
            }
        }
        // A same-size replacement overwrites the value in place (NodeOps.put) and needs no room.
        boolean inPlace = exact
                && inline != null
                && NodeLayout.valueWord(page, NodeLayout.slot(NodeLayout.LEAF_SLOT, position)) == write.valueWord;
        if (inline != null && !inPlace) {
            int needed = NodeEdits.leafEntryBytes(
                    NodeLayout.prefixLength(page), write.key.byteSize(), (int) inline.byteSize());
            if (needed > Node.freeBytes(page) + oldBytes) {
                if (frames.validate(d.frame, d.stamp)) {
                    structure.split(write.key, 0);
                }
                return false;
            }
        }
        if (!frames.tryUpgrade(d.frame, d.stamp)) {
            return false;
        }
        try {
            change(write, d.frame, page, found, freed); // the upgrade kept the leaf as it was searched
        } finally {
            frames.unlockExclusive(d.frame);
        }
        write.existed = exact;
        write.changed = true;
        write.logged = true;
        write.freed = freed;
        return true;
    }

    /** Logs and applies the change to a leaf held exclusively. */
    private void change(LeafWrite write, int frame, MemorySegment page, int found, long[] freed) {
        // Appended without waiting; a STRICT caller waits for durability once the latch is released (finish).
        CommitMode append = write.mode == CommitMode.STRICT ? CommitMode.NONE : write.mode;
        long before = images.beforeChange(frame);
        write.lsn = TreeRecords.appendLeafChange(log, append, treeId, frames.pageId(frame), write, freed);
        MemorySegment inline = write.inline;
        if (inline != null) {
            NodeOps.putAt(page, found, write.key, write.valueWord, inline);
        } else {
            NodeOps.deleteAt(page, found);
            write.underfull = Node.usedBytes(page) < access.pageSize() / 4;
        }
        PageHeaderLayout.setPageLsn(page, write.lsn);
        images.afterChange(frame, before);
        frames.markDirty(frame);
    }

    /**
     * A batch step that changes nothing still leaves a record, made under the leaf's latch, so that recovery knows
     * the step ran before whatever follows it in the log.
     */
    private boolean logStep(LeafWrite write, Descent d) {
        if (!frames.tryUpgrade(d.frame, d.stamp)) {
            return false;
        }
        try {
            CommitMode append = write.mode == CommitMode.STRICT ? CommitMode.NONE : write.mode;
            write.lsn = TreeRecords.appendStep(log, append, treeId, write.tag);
            write.logged = true;
        } finally {
            frames.unlockExclusive(d.frame);
        }
        return true;
    }

    /** The page ids of an overflow value's chain, or null if the leaf changed meanwhile. */
    private long @Nullable [] chainOf(MemorySegment page, int position, Descent d) {
        OverflowRef ref = OverflowRef.read(page, Node.valueOffset(page, position));
        if (!frames.validate(d.frame, d.stamp)) {
            return null;
        }
        try {
            long[] chain = overflow.chain(ref);
            return frames.validate(d.frame, d.stamp) ? chain : null;
        } catch (CorruptPageException e) {
            if (!frames.validate(d.frame, d.stamp)) {
                return null;
            }
            throw e;
        }
    }

    /** After the latches are released: frees replaced overflow pages once safe, waits for STRICT durability. */
    private void finish(LeafWrite write) {
        if (!write.logged) {
            return;
        }
        if (write.freed.length > 0) {
            // Only once the record that dropped them is durable may the pages be reused: a crash must not bring
            // back a reference to pages that hold something else.
            log.flush(write.lsn);
            overflow.free(write.freed);
        }
        if (write.mode == CommitMode.STRICT) {
            log.flush(write.lsn);
        }
    }
}
