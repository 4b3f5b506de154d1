/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import dev.pagebox.internal.page.PageHeaderLayout;
import java.lang.foreign.MemorySegment;

/** What a page read from disk turned out to be. */
public enum PageReadOutcome {
    /** Checksum and page id are right. */
    VALID,
    /** All bytes are zero: the page was allocated but never written (or lies in a hole of the file). */
    NEVER_WRITTEN,
    /** The checksum does not match: a torn or damaged write. */
    CHECKSUM_MISMATCH,
    /** The checksum matches but the page names another page id: a misdirected write. */
    WRONG_PAGE;

    static PageReadOutcome classify(MemorySegment page, long expectedPageId) {
        int stored = PageHeaderLayout.storedChecksum(page);
        if (stored != PageHeaderLayout.computeChecksum(page)) {
            return isAllZero(page) ? NEVER_WRITTEN : CHECKSUM_MISMATCH;
        }
        return PageHeaderLayout.pageId(page) == expectedPageId ? VALID : WRONG_PAGE;
    }

    /**
     * Explains the outcome for a message.
     *
     * @param page the bytes read
     * @param expectedPageId the page that was asked for
     * @return a short description
     */
    public String describe(MemorySegment page, long expectedPageId) {
        return switch (this) {
            case VALID -> "valid";
            case NEVER_WRITTEN -> "it was never written (all zero)";
            case CHECKSUM_MISMATCH ->
                "checksum mismatch: stored " + Integer.toHexString(PageHeaderLayout.storedChecksum(page))
                        + ", computed " + Integer.toHexString(PageHeaderLayout.computeChecksum(page));
            case WRONG_PAGE -> "it holds page " + PageHeaderLayout.pageId(page) + " instead of page " + expectedPageId;
        };
    }

    private static boolean isAllZero(MemorySegment page) {
        return page.mismatch(MemorySegment.ofArray(new byte[(int) page.byteSize()])) < 0;
    }
}
