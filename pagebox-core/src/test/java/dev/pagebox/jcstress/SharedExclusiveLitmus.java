/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.pagebox.internal.latch.HybridLatch;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/** Mutual exclusion between SHARED and EXCLUSIVE holders of a {@link HybridLatch}. */
public final class SharedExclusiveLitmus {
    private SharedExclusiveLitmus() {}

    /**
     * A shared and an exclusive try-lock race on a free latch and neither releases: exactly one wins, and the word
     * shows that winner. Both winning breaks mutual exclusion; neither winning means a try-lock failed spuriously
     * (a CAS that lost only to the other try-lock must be retried or mean the other one won). Result: (shared
     * acquired, exclusive acquired, flags above the version: 1 = one shared holder, 0x8000 = X).
     */
    @JCStressTest
    @Description("tryLockShared vs tryLockExclusive on a free latch")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "Shared won; the word holds one shared holder.")
    @Outcome(id = "0, 1, 32768", expect = ACCEPTABLE, desc = "Exclusive won; the word holds X.")
    @Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "Both acquired: no mutual exclusion.")
    @Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "Neither acquired a free latch.")
    @Outcome(expect = FORBIDDEN, desc = "The word does not match the winner.")
    @State
    public static class TryLocks extends LatchedCell {
        @Actor
        public void shared(III_Result r) {
            r.r1 = HybridLatch.tryLockShared(segment, LATCH) ? 1 : 0;
        }

        @Actor
        public void exclusive(III_Result r) {
            r.r2 = HybridLatch.tryLockExclusive(segment, LATCH) ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = flags();
        }
    }

    /**
     * A shared reader loads {@code x} and {@code y} while an exclusive writer stores both, each blocking until
     * it gets the latch: the reader sees both stores or neither, and the latch ends free at version 1.
     * Result: (x, y, flags above the version).
     */
    @JCStressTest
    @Description("lockShared reader vs lockExclusive writer of (x, y)")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "Reader first.")
    @Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "Writer first.")
    @Outcome(
            id = {"1, 0, .*", "0, 1, .*"},
            expect = FORBIDDEN,
            desc = "Reader saw a half-done write.")
    @Outcome(expect = FORBIDDEN, desc = "Latch left held or announced.")
    @State
    public static class Blocking extends LatchedCell {
        @Actor
        public void reader(III_Result r) {
            HybridLatch.lockShared(segment, LATCH, PARKING);
            r.r1 = (int) x();
            r.r2 = (int) y();
            HybridLatch.unlockShared(segment, LATCH, PARKING);
        }

        @Actor
        public void writer() {
            HybridLatch.lockExclusive(segment, LATCH, PARKING);
            setX(1);
            setY(1);
            HybridLatch.unlockExclusive(segment, LATCH, PARKING);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = flags() | (version() == 1 ? 0 : 0x10000);
        }
    }
}
