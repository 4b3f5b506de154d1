/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The cooling stage: a FIFO of frames whose parent swip was made cooling. A frame touched while queued becomes
 * hot again through its swip alone; its entry stays and is skipped when it reaches the head (its state is no
 * longer {@link FrameTable#COOLING}). The ring holds twice the frame count, and the evictor stops cooling at
 * twice its target, so stale entries never fill it.
 */
final class CoolingQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final int[] ring;
    private long head;
    private long tail;

    CoolingQueue(int frames) {
        this.ring = new int[Math.max(16, frames * 2)];
    }

    /** Adds a frame; returns false if the queue is full (the frame then stays hot). */
    boolean offer(int frame) {
        lock.lock();
        try {
            if (tail - head == ring.length) {
                return false;
            }
            ring[(int) (tail++ % ring.length)] = frame;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the oldest entry, or -1 if empty. */
    int poll() {
        lock.lock();
        try {
            return head == tail ? -1 : ring[(int) (head++ % ring.length)];
        } finally {
            lock.unlock();
        }
    }

    /** Entries queued, stale ones included. */
    int size() {
        lock.lock();
        try {
            return (int) (tail - head);
        } finally {
            lock.unlock();
        }
    }
}
