/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.CommitMode;
import dev.pagebox.CorruptStoreException;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.btree.BatchTag;
import dev.pagebox.internal.wal.RedoHolds;
import dev.pagebox.internal.wal.Wal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Atomic batches ({@link BatchRecord}): the whole batch is logged as one record, then each step is applied as an
 * ordinary tree change tagged with the batch's LSN and the step's index. A redo hold spans the record and every
 * step, so a checkpoint's redo point never falls between them, and recovery always sees the record of a batch whose
 * steps it sees; it applies the steps of a durable batch that did not reach the log ({@link #finish}).
 */
final class Batches {
    private final Path directory;
    private final Wal wal;
    private final OpenTrees trees;
    private final UserMeta userMeta;

    Batches(Path directory, Wal wal, OpenTrees trees, UserMeta userMeta) {
        this.directory = directory;
        this.wal = wal;
        this.trees = trees;
        this.userMeta = userMeta;
    }

    /**
     * Applies the steps of an atomic batch, so that a crash leaves all of it or none of it.
     *
     * @param steps the steps, each naming a tree opened through the engine
     * @param mode when to return
     * @throws IllegalArgumentException if a key or value is too large, or the batch exceeds the log's record size
     */
    void write(List<BatchStep> steps, CommitMode mode) {
        List<OpenTree> entered = new ArrayList<>();
        try {
            for (BatchStep step : steps) {
                if (step.isUserMeta()) {
                    continue;
                }
                OpenTree tree = trees.byId(step.treeId());
                if (tree == null) {
                    throw new PageboxClosedException(
                            "tree id " + step.treeId() + " of the store in " + directory + " (dropped)");
                }
                if (!entered.contains(tree)) {
                    tree.enter(); // keeps a drop out until the batch is applied
                    entered.add(tree);
                }
                tree.tree().checkSizes(step.key(), step.value());
            }
            int size = BatchRecord.size(steps);
            int max = wal.maxPayloadSize();
            if (size > max) {
                throw new IllegalArgumentException("batch of " + size + " bytes exceeds the maximum of " + max
                        + " bytes (an eighth of the smaller of walSegmentSize and walBufferSize); split it or raise "
                        + "those options");
            }
            // The hold keeps a checkpoint's redo point at or below the batch record until the last step is
            // logged, so recovery always sees the record of a batch whose steps it sees.
            RedoHolds.Hold hold = wal.holds().open();
            try {
                long batchLsn = wal.append(
                        BatchRecord.TYPE,
                        BatchRecord.encode(steps),
                        mode == CommitMode.RELAXED ? mode : CommitMode.NONE);
                applySteps(steps, batchLsn, Set.of());
            } finally {
                hold.close();
            }
            if (mode == CommitMode.STRICT) {
                wal.flushAll();
            }
        } finally {
            entered.forEach(OpenTree::exit);
        }
    }

    private void applySteps(List<BatchStep> steps, long batchLsn, Set<Integer> done) {
        for (int index = 0; index < steps.size(); index++) {
            if (done.contains(index)) {
                continue;
            }
            BatchStep step = steps.get(index);
            if (step.isUserMeta()) {
                int slot = step.userMetaSlot();
                wal.append(
                        UserMeta.TYPE, UserMeta.record(slot, step.userMetaValue(), batchLsn, index), CommitMode.NONE);
                userMeta.set(slot, step.userMetaValue());
                continue;
            }
            OpenTree open = trees.byId(step.treeId());
            if (open == null) {
                throw new CorruptStoreException("the batch logged at LSN " + batchLsn + " names tree id "
                        + step.treeId() + ", which the catalog lacks");
            }
            BTree tree = open.tree();
            BatchTag tag = new BatchTag(batchLsn, index);
            if (step.value() == null) {
                tree.delete(step.key(), CommitMode.NONE, tag);
            } else {
                tree.put(step.key(), step.value(), CommitMode.NONE, tag);
            }
        }
    }

    /**
     * Recovery, once the trees can be opened: applies the steps of durable batches that did not reach the log.
     *
     * @param batches the durable batch records by LSN, whose trees the caller opened
     * @param stepsDone the steps of each that reached the log
     */
    void finish(SortedMap<Long, byte[]> batches, Map<Long, Set<Integer>> stepsDone) {
        batches.forEach(
                (lsn, payload) -> applySteps(BatchRecord.decode(payload), lsn, stepsDone.getOrDefault(lsn, Set.of())));
        wal.flushAll();
    }
}
