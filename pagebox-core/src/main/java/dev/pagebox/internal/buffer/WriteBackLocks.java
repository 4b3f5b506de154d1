/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the write-back of each frame (striped locks). Without it two threads (the page provider, a
 * foreground evictor, a checkpoint) could copy a frame at two versions and their writes land in the opposite
 * order, leaving the older version on disk while the frame counts as clean; or a page could be evicted and
 * read back from disk while a write of its newest copy is still in flight. Eviction holds the lock from the
 * write-back through the swip change; freeing a page holds it while its id goes back to the allocator.
 */
final class WriteBackLocks {
    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    WriteBackLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(int frame) {
        return locks[frame & (STRIPES - 1)];
    }
}
