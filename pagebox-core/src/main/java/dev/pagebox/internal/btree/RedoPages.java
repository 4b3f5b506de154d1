/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CorruptStoreException;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/** The pages and allocator that {@link TreeRedo} applies records to: recovery's view of the store. */
public interface RedoPages {

    /**
     * Returns a page to change in place. Redo compares its page LSN with the record's and leaves it alone if the
     * page already has the change.
     *
     * @param pageId the page
     * @return its bytes, writable, changes are kept; or null if the page on disk is torn and no image of it has
     *     been replayed yet (redo then skips the record for this page: the page's image follows in the log)
     */
    @Nullable
    MemorySegment page(long pageId);

    /**
     * Returns a page whose whole content a record replaces (an image): it may be torn or never written, so it
     * is not checked; a page with a valid checksum and a newer LSN is returned as it is.
     *
     * @param pageId the page
     * @return its bytes, writable; an invalid page reads as zeros
     */
    MemorySegment pageForImage(long pageId);

    /**
     * Records that a record allocated the page (a new node or an overflow chunk).
     *
     * @param treeId the tree the record belongs to
     * @param pageId the page
     */
    void allocated(int treeId, long pageId);

    /** Records that a record freed the page. */
    void freed(long pageId);

    /**
     * Names a page and where it lives, for messages.
     *
     * @param pageId the page
     * @return e.g. "page 12 of /data/pagebox.pages at offset 49152"
     */
    default String describe(long pageId) {
        return "page " + pageId;
    }

    /** Records that step {@code step} of the batch logged at {@code batchLsn} reached the log. */
    default void batchStep(long batchLsn, int step) {}

    /**
     * Returns the key and value of step {@code step} of the batch logged at {@code batchLsn}, which BATCH_PUT and
     * BATCH_DELETE records leave to the batch's record. Asked before {@link #batchStep} reports the step.
     *
     * @param batchLsn the LSN of the batch's record
     * @param step the step's index
     * @return the step's key and value, or null for a batch that finished before redo's start point was chosen:
     *     the checkpoint wrote every page its steps changed, or the page was freed since, so redo skips the step
     * @throws CorruptStoreException if redo has not seen the batch's record though it lies after redo's start, or
     *     the batch has no such step
     */
    default @Nullable BatchEntry batchEntry(long batchLsn, int step) {
        throw new CorruptStoreException(
                "a batch step refers to the batch record at LSN " + batchLsn + ", which redo has not seen");
    }

    /**
     * A batch step's key and value, as its batch's record holds them.
     *
     * @param key the key
     * @param value the value, or null for a delete
     */
    record BatchEntry(byte[] key, byte @Nullable [] value) {}
}
