/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import dev.pagebox.WriteBatch;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;

/**
 * One commit of a transactional store: its staged writes and the bookkeeping (offsets, position, estimate) they
 * reach, in one atomic batch when they fit one, else fenced by an in-flight mark:
 * <ol>
 *   <li>a batch that sets the mark;
 *   <li>batches of staged writes (a single write too large for any batch goes straight to the tree);
 *   <li>a batch with the bookkeeping that clears the mark.
 * </ol>
 * A store that opens with the mark set empties its tree (see {@link PageboxKeyValueStore}), so it never holds part
 * of a commit whose offsets it does not report.
 */
final class StagedCommit {
    /** A generous allowance for the bookkeeping steps (offsets, position, estimate) of the final batch. */
    private static final int BOOKKEEPING_ALLOWANCE = 64 << 10;

    private final Pagebox pagebox;
    private final PageboxTree tree;
    private final int budget;

    StagedCommit(Pagebox pagebox, PageboxTree tree, int budget) {
        this.pagebox = pagebox;
        this.tree = tree;
        this.budget = budget;
    }

    /**
     * Writes the staged writes and the bookkeeping.
     *
     * @return the new entry estimate
     */
    long write(StagedWrites staged, Map<TopicPartition, Long> offsets, PageboxKeyValueStore store) {
        long estimate = store.approximateNumEntries();
        long bytes = BOOKKEEPING_ALLOWANCE;
        for (Map.Entry<Bytes, byte[]> write : staged.entries()) {
            byte[] key = write.getKey().get();
            boolean present = tree.contains(key);
            boolean delete = write.getValue() == StagedWrites.TOMBSTONE;
            if (delete && present) {
                estimate--;
            } else if (!delete && !present) {
                estimate++;
            }
            bytes += SharedPagebox.stepBytes(key, delete ? null : write.getValue());
        }
        TreeMeta meta = new TreeMeta(pagebox.tree(TreeMeta.TREE), tree.name());
        WriteBatch batch = new WriteBatch();
        if (bytes <= budget) {
            staged.entries().forEach(write -> add(batch, write));
            store.addBookkeeping(batch, offsets, estimate);
            pagebox.write(batch, store.commitMode());
            return estimate;
        }
        meta.putInFlight(batch, true);
        pagebox.write(batch, CommitMode.NONE);
        batch.clear();
        int used = 0;
        for (Map.Entry<Bytes, byte[]> write : staged.entries()) {
            byte[] key = write.getKey().get();
            boolean delete = write.getValue() == StagedWrites.TOMBSTONE;
            int cost = SharedPagebox.stepBytes(key, delete ? null : write.getValue());
            if (used + cost > budget - BOOKKEEPING_ALLOWANCE && batch.size() > 0) {
                pagebox.write(batch, CommitMode.NONE);
                batch.clear();
                used = 0;
            }
            if (cost > budget - BOOKKEEPING_ALLOWANCE) {
                if (delete) {
                    tree.delete(key, CommitMode.NONE);
                } else {
                    tree.put(key, write.getValue(), CommitMode.NONE);
                }
            } else {
                add(batch, write);
                used += cost;
            }
        }
        store.addBookkeeping(batch, offsets, estimate);
        meta.putInFlight(batch, false);
        pagebox.write(batch, store.commitMode());
        return estimate;
    }

    private void add(WriteBatch batch, Map.Entry<Bytes, byte[]> write) {
        if (write.getValue() == StagedWrites.TOMBSTONE) {
            batch.delete(tree, write.getKey().get());
        } else {
            batch.put(tree, write.getKey().get(), write.getValue());
        }
    }
}
