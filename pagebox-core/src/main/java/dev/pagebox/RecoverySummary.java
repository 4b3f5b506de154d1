/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.time.Duration;

/**
 * What opening a store had to do to bring it back to its last durable state.
 *
 * @param fromLsn where replay started (the last checkpoint)
 * @param toLsn where the durable log ended
 * @param recordsReplayed log records read and applied where pages lacked them
 * @param pagesWritten pages written back after redo
 * @param pagesRepaired torn pages rebuilt from full page images in the log
 * @param tailCut whether a torn record at the end of the log was cut off (a write that never completed)
 * @param took how long recovery took
 */
public record RecoverySummary(
        long fromLsn,
        long toLsn,
        long recordsReplayed,
        long pagesWritten,
        int pagesRepaired,
        boolean tailCut,
        Duration took) {

    /** One line for the log. */
    @Override
    public String toString() {
        return "recovery replayed " + recordsReplayed + " records (LSN " + fromLsn + " to " + toLsn + "), wrote "
                + pagesWritten + " pages, repaired " + pagesRepaired + " torn pages"
                + (tailCut ? ", cut a torn log tail" : "")
                + " in " + took.toMillis() + " ms";
    }
}
