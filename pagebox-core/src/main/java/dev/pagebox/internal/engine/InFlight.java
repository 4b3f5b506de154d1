/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.PageboxClosedException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the store's memory mapped while calls use it: every call enters and exits, and closing waits until no
 * call is inside. Entering costs one striped counter increment, so concurrent readers do not contend.
 *
 * <p>Why it is safe: a caller increments, then reads {@code closing}; the closer writes {@code closing}, then
 * sums. Both are volatile accesses, so either the caller sees {@code closing} (and backs out) or the closer's
 * sum sees the caller's increment (and waits).
 */
final class InFlight {
    private final LongAdder calls = new LongAdder();
    private volatile String what;
    private volatile boolean closing;

    InFlight(String what) {
        this.what = what;
    }

    /** Enters a call; throws if the store is closing or closed. */
    void enter() {
        calls.increment();
        if (closing) {
            calls.decrement();
            throw new PageboxClosedException(what);
        }
    }

    void exit() {
        calls.decrement();
    }

    /** Refuses new calls and waits for the ones inside to leave. */
    void closeAndDrain() {
        closeAndDrain(what);
    }

    /** Refuses new calls, naming {@code what} was closed in the refusal, and waits for the calls inside. */
    void closeAndDrain(String what) {
        this.what = what;
        closing = true;
        while (calls.sum() > 0) {
            LockSupport.parkNanos(100_000);
        }
    }

    boolean isClosing() {
        return closing;
    }
}
