/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.latch;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Where threads blocked on a {@link HybridLatch} sleep: a fixed table of stripes, each a lock and a condition,
 * chosen by hashing the latch word's address. Latch words live off-heap, so they cannot carry a wait queue of
 * their own; like Linux futexes, waiters on different words may share a stripe and are woken together, and
 * every woken thread re-checks its own word. One instance per store (no global state).
 *
 * <h2>No lost wake-ups</h2>
 * A waiter holds its stripe's lock while it sets {@link HybridLatch}'s WAITERS bit by CAS and until
 * {@link Condition#await} releases the lock. A releaser first clears the bit with an atomic read-modify-write
 * and, if it was set, takes the stripe lock to signal. So either the releaser's RMW comes first (the waiter's
 * CAS fails and it re-reads the word) or the waiter is already inside {@code await} when the signal comes.
 * Works for virtual threads, which unmount while waiting.
 */
public final class LatchParking {
    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final Condition[] conditions = new Condition[STRIPES];

    /** Creates an empty parking table. */
    public LatchParking() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
            conditions[i] = locks[i].newCondition();
        }
    }

    /**
     * Sleeps until woken, if {@code registerWaiter} succeeds while the stripe is held.
     *
     * @param segment the memory holding the latch word
     * @param offset the word's offset
     * @param registerWaiter sets the WAITERS bit if the caller still has to wait; false means "don't sleep"
     */
    void park(MemorySegment segment, long offset, BooleanSupplier registerWaiter) {
        int stripe = stripe(segment, offset);
        ReentrantLock lock = locks[stripe];
        lock.lock();
        try {
            if (registerWaiter.getAsBoolean()) {
                // Latches are not interruptible, like monitors: a waiter always ends up owning or retrying.
                conditions[stripe].awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wakes every thread parked on the stripe of a latch word.
     *
     * @param segment the memory holding the latch word
     * @param offset the word's offset
     */
    void wakeAll(MemorySegment segment, long offset) {
        int stripe = stripe(segment, offset);
        ReentrantLock lock = locks[stripe];
        lock.lock();
        try {
            conditions[stripe].signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static int stripe(MemorySegment segment, long offset) {
        long key = segment.address() + offset;
        key ^= key >>> 17;
        key *= 0x9E3779B97F4A7C15L;
        return (int) (key >>> 58) & (STRIPES - 1);
    }
}
