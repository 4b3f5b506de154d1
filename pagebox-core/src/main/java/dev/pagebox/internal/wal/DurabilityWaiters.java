/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <h2>Spinning first</h2>
 * Parking costs a lone committer a wake-up after every sync (tens of microseconds on a VM, a large share of a
 * fast disk's sync). So one platform thread at a time may spin on {@link #durable} before it parks, for as
 * long as recent waits took and never over {@link #SPIN_LIMIT_NANOS}; once waits grow longer (a slow disk, a
 * busy log) nobody spins. Virtual threads never spin: they would hold their carrier.
 */
final class DurabilityWaiters {
    /** Longest spin before parking; waits that take longer on average are not spun for at all. */
    static final long SPIN_LIMIT_NANOS = 200_000;

    private final Fence fence;
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> queue = new PriorityQueue<>((a, b) -> Long.compare(a.target, b.target));
    private volatile long durable;

    private final AtomicBoolean spinning = new AtomicBoolean();
    /**
     * Moving average (1/8 weight) of how long platform threads' recent waits took; written racily, it only steers
     * spinning.
     */
    private volatile long recentWaitNanos = SPIN_LIMIT_NANOS;

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

    /** Wakes every waiter after the log was fenced or stalled; each then throws. */
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
     * @throws dev.pagebox.DiskFullException if the log is or becomes stalled by a full disk first
     */
    boolean await(long target, long timeoutNanos) {
        if (durable >= target) {
            return true;
        }
        fence.check();
        if (Thread.currentThread().isVirtual()) {
            return park(target, timeoutNanos); // never spins, so its waits need not steer spinning
        }
        long started = System.nanoTime();
        try {
            if (spinUntil(target, started)) {
                return true;
            }
            return park(target, timeoutNanos);
        } finally {
            long waited = System.nanoTime() - started;
            recentWaitNanos = recentWaitNanos - (recentWaitNanos >> 3) + (Math.min(waited, 1L << 40) >> 3);
        }
    }

    /** Spins while the target is likely to be reached soon; returns whether it was. Platform threads only. */
    private boolean spinUntil(long target, long started) {
        long budget = Math.min(2 * recentWaitNanos, SPIN_LIMIT_NANOS);
        if (recentWaitNanos >= SPIN_LIMIT_NANOS || !spinning.compareAndSet(false, true)) {
            return false;
        }
        try {
            while (durable < target && !fence.isBlocked()) {
                if (System.nanoTime() - started > budget) {
                    return false;
                }
                Thread.onSpinWait();
            }
            return durable >= target;
        } finally {
            spinning.set(false);
        }
    }

    private boolean park(long target, long timeoutNanos) {
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
                if (fence.isBlocked()) {
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
