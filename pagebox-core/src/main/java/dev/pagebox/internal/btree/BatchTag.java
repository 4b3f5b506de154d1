/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

/**
 * Marks a tree change as step {@code step} of the atomic batch whose logical record is at {@code batchLsn}, so
 * recovery knows which steps of a batch reached the log and can finish the rest.
 *
 * @param batchLsn the LSN of the batch's record
 * @param step the step's index in the batch
 */
public record BatchTag(long batchLsn, int step) {
    /** No batch. */
    static final BatchTag NONE = new BatchTag(0, 0);
}
