/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import java.util.concurrent.CountDownLatch;

/**
 * A page read in progress, registered by page id so that threads faulting the same page at once do one read:
 * the first registers and reads, the others wait for it and then restart their operation, finding the page
 * swizzled (or, if the reader could not install it, faulting it themselves).
 */
final class PageLoad {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stale;

    /** The page was evicted after this load was registered: what it read may predate the write-back. */
    void markStale() {
        stale = true;
    }

    boolean isStale() {
        return stale;
    }

    void finish() {
        done.countDown();
    }

    void await() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
