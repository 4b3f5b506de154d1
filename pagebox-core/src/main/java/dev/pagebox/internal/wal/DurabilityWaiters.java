/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable LSN and the threads waiting for it to pass a target. Only the flusher advances it. Waiters sit in
 * a queue ordered by target, so an advance wakes exactly the threads it satisfies (a group commit wakes its
 * whole group, nobody else). Waiting parks the thread; virtual threads unmount and pin no carrier.
 *
 * <h2>No lost wake-ups</h2>
 * A waiter enqueues itself under {@link #lock} and then re-reads {@link #durable}; the flusher writes
 * {@link #durable} (volatile) before it drains the queue under the same lock. Either the waiter's re-read sees
 * the new value, or its node was in the queue when the flusher drained it.
 */
final class DurabilityWaiters {
    private final Fence fence;
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> queue = new PriorityQueue<>((a, b) -> Long.compare(a.target, b.target));
    private volatile long durable;

    private static final class Waiter {
        final long target;
        final Thread thread;
        volatile boolean woken;

        Waiter(long target, Thread thread) {
            this.target = target;
            this.thread = thread;
        }
    }

    DurabilityWaiters(Fence fence, long durable) {
        this.fence = fence;
        this.durable = durable;
    }

    /** Everything below this LSN is durable; it always falls on an item boundary. */
    long durable() {
        return durable;
    }

    /** Publishes a new durable LSN and wakes the waiters it satisfies. Flusher only. */
    void advance(long newDurable) {
        if (newDurable <= durable) {
            return;
        }
        durable = newDurable;
        lock.lock();
        try {
            Waiter head;
            while ((head = queue.peek()) != null && head.target <= newDurable) {
                queue.poll();
                wake(head);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter after the log was fenced; each then throws. */
    void wakeAll() {
        lock.lock();
        try {
            Waiter waiter;
            while ((waiter = queue.poll()) != null) {
                wake(waiter);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void wake(Waiter waiter) {
        waiter.woken = true;
        LockSupport.unpark(waiter.thread);
    }

    /**
     * Waits until {@code durable() >= target}. Not interruptible (the record is in the log either way); an
     * interrupt is kept for the caller.
     *
     * @param target the LSN the durable prefix must reach
     * @param timeoutNanos how long to wait at most; {@code Long.MAX_VALUE} for no limit
     * @return whether the target was reached
     * @throws dev.pagebox.StoreFailedException if the log is or becomes fenced before the target is reached
     */
    boolean await(long target, long timeoutNanos) {
        if (durable >= target) {
            return true;
        }
        fence.check();
        Waiter waiter = new Waiter(target, Thread.currentThread());
        lock.lock();
        try {
            queue.add(waiter);
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 2);
        try {
            while (durable < target && !waiter.woken) {
                if (fence.isFenced()) {
                    break;
                }
                if (timeoutNanos == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(this, left);
                }
                interrupted |= Thread.interrupted();
            }
        } finally {
            if (!waiter.woken) {
                lock.lock();
                try {
                    queue.remove(waiter);
                } finally {
                    lock.unlock();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (durable >= target) {
            return true;
        }
        fence.check();
        return false;
    }
}
