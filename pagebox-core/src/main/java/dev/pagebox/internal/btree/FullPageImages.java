/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.page.PageHeaderLayout;

/**
 * Torn-page protection for a tree's changes (DESIGN.md decision 6, PostgreSQL's full-page writes): the first change
 * to a page after a checkpoint's redo point logs the page's whole image, so recovery can rebuild the page if its
 * write was torn. Every change of a page held exclusively is bracketed by {@link #beforeChange} and
 * {@link #afterChange}; the pool's full-image threshold ({@link BufferPool#fullImageThreshold}) is the redo point
 * of the checkpoint in progress.
 *
 * <p>A checkpoint may move the threshold while a change is being logged. The change then logs the image right after
 * its own record, showing the page with the change; recovery skips the records of a torn page until that page's
 * image arrives, so the log still repairs it.
 */
final class FullPageImages {
    private final BufferPool pool;
    private final Frames frames;
    private final TreeLog log;
    private final int treeId;

    FullPageImages(TreeAccess access, TreeLog log) {
        this.pool = access.pool();
        this.frames = access.frames();
        this.log = log;
        this.treeId = access.treeId();
    }

    /**
     * Before changing a page held exclusively: logs the page's image first if this is its first change since the
     * redo point of the last checkpoint.
     *
     * @return what {@link #afterChange} needs: the page LSN before the change, or {@code Long.MAX_VALUE} if the
     *     image was logged
     */
    long beforeChange(int frame) {
        long before = PageHeaderLayout.pageLsn(frames.page(frame));
        if (before < pool.fullImageThreshold()) {
            logImage(frame);
            return Long.MAX_VALUE;
        }
        return before;
    }

    /**
     * After a change's record: if a checkpoint moved the redo point past the page's earlier LSN while the record was
     * made, the image that should have preceded it is logged now.
     */
    void afterChange(int frame, long before) {
        if (before < pool.fullImageThreshold()) {
            logImage(frame);
        }
    }

    /** Logs the image of a page held latched and stamps the page with the image's LSN. */
    void logImage(int frame) {
        long lsn = TreeRecords.appendImage(log, treeId, frames, frame);
        PageHeaderLayout.setPageLsn(frames.page(frame), lsn);
    }
}
