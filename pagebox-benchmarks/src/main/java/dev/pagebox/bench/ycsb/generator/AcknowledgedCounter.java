/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.generator;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out record numbers for inserts and tracks which of them are done, as YCSB's
 * {@code AcknowledgedCounterGenerator} does: {@link #lastAcknowledged()} is the highest record number such that
 * it and every number below it were acknowledged. Readers choose only records up to that bound, so they never
 * look for a record whose insert is still in flight.
 *
 * <p>Acknowledgements that arrive out of order wait in a ring of flags; the lock guarding the ring is taken
 * once per insert, which is cheap next to the insert itself.
 */
public final class AcknowledgedCounter {
    /** How far acknowledgements may run ahead of the oldest unacknowledged insert (a descheduled inserter). */
    private static final int WINDOW = 1 << 20;

    private final AtomicLong next;
    private final ReentrantLock lock = new ReentrantLock();
    private final boolean[] acknowledged = new boolean[WINDOW];
    private volatile long lastAcknowledged;

    /**
     * Creates a counter whose first {@code start} record numbers already exist.
     *
     * @param start the first record number to hand out
     */
    public AcknowledgedCounter(long start) {
        this.next = new AtomicLong(start);
        this.lastAcknowledged = start - 1;
    }

    /**
     * Hands out the next record number to insert.
     *
     * @return a record number no other caller got
     */
    public long next() {
        return next.getAndIncrement();
    }

    /**
     * Marks an insert as done.
     *
     * @param record a number from {@link #next()}
     * @throws IllegalStateException if more than 2^20 inserts are in flight at once
     */
    public void acknowledge(long record) {
        lock.lock();
        try {
            long last = lastAcknowledged;
            if (record <= last || record - last > WINDOW) {
                throw new IllegalStateException("record " + record + " outside the window after " + last);
            }
            acknowledged[(int) (record & (WINDOW - 1))] = true;
            while (acknowledged[(int) ((last + 1) & (WINDOW - 1))]) {
                acknowledged[(int) ((last + 1) & (WINDOW - 1))] = false;
                last++;
            }
            lastAcknowledged = last;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the highest record number below which every insert is done.
     *
     * @return the bound, {@code start - 1} before the first acknowledgement
     */
    public long lastAcknowledged() {
        return lastAcknowledged;
    }
}
