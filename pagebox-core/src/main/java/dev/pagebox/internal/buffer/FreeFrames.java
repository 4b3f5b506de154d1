/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The free frames, a LIFO stack (recently freed frames are likelier to be in the CPU cache) behind one lock.
 * A lock, not a lock-free structure: frames are taken once per page fault, which costs a disk read anyway.
 * Waiting uses a {@link Condition}, so virtual threads park without pinning their carrier.
 */
final class FreeFrames {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final int[] stack;
    /** Written under the lock; volatile so that {@link #size()} needs no lock (it is read on every allocation). */
    private volatile int size;

    FreeFrames(int capacity) {
        this.stack = new int[capacity];
    }

    void push(int frame) {
        lock.lock();
        try {
            if (size == stack.length) {
                throw new IllegalStateException("free list overflow: frame " + frame + " freed twice");
            }
            stack[size++] = frame;
            available.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Takes a frame, or returns -1 if none is free. */
    int poll() {
        lock.lock();
        try {
            return size == 0 ? -1 : stack[--size];
        } finally {
            lock.unlock();
        }
    }

    /** Takes a frame, waiting up to {@code nanos}; returns -1 on timeout. */
    int poll(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (size == 0) {
                if (left <= 0) {
                    return -1;
                }
                left = available.awaitNanos(left);
            }
            return stack[--size];
        } finally {
            lock.unlock();
        }
    }

    int size() {
        return size;
    }

    static long toNanos(java.time.Duration duration) {
        return TimeUnit.NANOSECONDS.convert(duration);
    }
}
