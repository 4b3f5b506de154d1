/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.CorruptStoreException;
import dev.pagebox.internal.btree.RedoPages;
import java.util.BitSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The batches redo has met whose steps have not all reached the log yet: each batch's steps, decoded from its record,
 * and which of them redo has seen. Step records of a batch carry no key and no value ({@link RedoPages#batchEntry}
 * reads them here), and a batch is forgotten once its last step is seen, so redo holds only the batches that were in
 * progress, not every batch of the log. What remains at the end are the batches to finish ({@link Batches#finish}).
 */
final class RecoveredBatches {
    private final long redoStart;
    private final SortedMap<Long, Pending> pending = new TreeMap<>();

    /**
     * Creates the batches of one redo pass.
     *
     * @param redoStart the LSN redo starts from
     */
    RecoveredBatches(long redoStart) {
        this.redoStart = redoStart;
    }

    /** A batch's steps and the ones redo has seen. */
    record Pending(List<BatchStep> steps, BitSet done) {
        boolean isDone(int step) {
            return done.get(step);
        }
    }

    /** Notes a batch's record. */
    void record(long lsn, byte[] payload) {
        List<BatchStep> steps = BatchRecord.decode(payload);
        if (!steps.isEmpty()) {
            pending.put(lsn, new Pending(steps, new BitSet(steps.size())));
        }
    }

    /**
     * The key and value of a step of a batch still pending, or null for a batch whose record lies before redo's
     * start: it finished before the checkpoint read the log's end ({@link dev.pagebox.internal.wal.RedoHolds}), so the
     * checkpoint wrote every page its steps changed, or the page was freed since and its content no longer matters.
     */
    RedoPages.@Nullable BatchEntry entry(long batchLsn, int step) {
        Pending batch = pending.get(batchLsn);
        if (batch == null && batchLsn < redoStart) {
            return null;
        }
        if (batch == null || step < 0 || step >= batch.steps().size()) {
            throw new CorruptStoreException("a batch step refers to step " + step + " of the batch record at LSN "
                    + batchLsn + ", which redo has not seen or which has no such step");
        }
        BatchStep entry = batch.steps().get(step);
        return new RedoPages.BatchEntry(entry.key(), entry.value());
    }

    /** Notes that a step reached the log; forgets the batch once all have. */
    void stepSeen(long batchLsn, int step) {
        Pending batch = pending.get(batchLsn);
        if (batch == null) {
            return; // a batch whose record lies before redo's start finished before it
        }
        batch.done().set(step);
        if (batch.done().cardinality() == batch.steps().size()) {
            pending.remove(batchLsn);
        }
    }

    /** The batches whose steps did not all reach the log, by the LSN of their record. */
    SortedMap<Long, Pending> pending() {
        return pending;
    }
}
