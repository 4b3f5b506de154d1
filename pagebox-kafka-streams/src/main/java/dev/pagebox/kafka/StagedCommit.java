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
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * One commit of a transactional store: its staged writes and the bookkeeping (offsets, position, the store's own)
 * they reach, in one atomic batch when they fit one, else fenced by an in-flight mark:
 * <ol>
 *   <li>a batch that sets the mark;
 *   <li>batches of staged writes (a single write too large for any batch goes straight to its tree);
 *   <li>a batch with the bookkeeping that clears the mark.
 * </ol>
 * A store that opens with the mark set empties its trees (see {@link StoreCore}), so it never holds part of a
 * commit whose offsets it does not report.
 */
final class StagedCommit {
    /** A generous allowance for the bookkeeping steps (offsets, position, estimate) of the final batch. */
    private static final int BOOKKEEPING_ALLOWANCE = 64 << 10;

    /** Where a staged write goes. */
    @FunctionalInterface
    interface Placement {
        /** The tree and key of a staged key, or null to drop the write (its segment expired). */
        @Nullable
        Target target(Bytes stagedKey);
    }

    /** A tree and a key in it. */
    record Target(PageboxTree tree, byte[] key) {}

    private final Pagebox pagebox;
    private final TreeMeta meta;
    private final int budget;
    private final CommitMode mode;

    StagedCommit(Pagebox pagebox, TreeMeta meta, int budget, CommitMode mode) {
        this.pagebox = pagebox;
        this.meta = meta;
        this.budget = budget;
        this.mode = mode;
    }

    /** Writes the staged writes where {@code placement} says, and the bookkeeping. */
    void write(StagedWrites staged, Placement placement, Consumer<WriteBatch> bookkeeping) {
        long bytes = BOOKKEEPING_ALLOWANCE;
        for (Map.Entry<Bytes, byte[]> write : staged.entries()) {
            bytes += SharedPagebox.stepBytes(write.getKey().get(), value(write));
        }
        WriteBatch batch = new WriteBatch();
        if (bytes <= budget) {
            staged.entries().forEach(write -> add(batch, placement, write));
            bookkeeping.accept(batch);
            pagebox.write(batch, mode);
            return;
        }
        meta.putInFlight(batch, true);
        pagebox.write(batch, CommitMode.NONE);
        batch.clear();
        int used = 0;
        for (Map.Entry<Bytes, byte[]> write : staged.entries()) {
            int cost = SharedPagebox.stepBytes(write.getKey().get(), value(write));
            if (used + cost > budget - BOOKKEEPING_ALLOWANCE && batch.size() > 0) {
                pagebox.write(batch, CommitMode.NONE);
                batch.clear();
                used = 0;
            }
            if (cost > budget - BOOKKEEPING_ALLOWANCE) {
                Target target = placement.target(write.getKey());
                if (target != null && value(write) == null) {
                    target.tree().delete(target.key(), CommitMode.NONE);
                } else if (target != null) {
                    target.tree().put(target.key(), write.getValue(), CommitMode.NONE);
                }
            } else {
                add(batch, placement, write);
                used += cost;
            }
        }
        bookkeeping.accept(batch);
        meta.putInFlight(batch, false);
        pagebox.write(batch, mode);
    }

    private static byte @Nullable [] value(Map.Entry<Bytes, byte[]> write) {
        return write.getValue() == StagedWrites.TOMBSTONE ? null : write.getValue();
    }

    private static void add(WriteBatch batch, Placement placement, Map.Entry<Bytes, byte[]> write) {
        Target target = placement.target(write.getKey());
        if (target == null) {
            return;
        }
        if (write.getValue() == StagedWrites.TOMBSTONE) {
            batch.delete(target.tree(), target.key());
        } else {
            batch.put(target.tree(), target.key(), write.getValue());
        }
    }
}
