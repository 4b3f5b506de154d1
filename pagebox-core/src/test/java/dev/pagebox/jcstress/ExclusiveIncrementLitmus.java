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

/**
 * Two writers each do a plain read-modify-write of {@code x} under the exclusive latch (the second may spin and
 * park). A lost update means both were inside at once (a broken CAS) or a writer saw stale data (a broken
 * release/acquire pair). The arbiter also checks that the latch ends free at version 2 with no stale waiters
 * bit. Result: (x, version, flags above the version).
 */
@JCStressTest
@Description("Two increments under the exclusive latch")
@Outcome(id = "2, 2, 0", expect = ACCEPTABLE, desc = "Both increments, two releases, latch free.")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "Lost update: the writers overlapped.")
@Outcome(expect = FORBIDDEN, desc = "Wrong version or latch left held or announced.")
@State
public class ExclusiveIncrementLitmus extends LatchedCell {
    @Actor
    public void writer1() {
        increment();
    }

    @Actor
    public void writer2() {
        increment();
    }

    private void increment() {
        HybridLatch.lockExclusive(segment, LATCH, PARKING);
        setX(x() + 1);
        HybridLatch.unlockExclusive(segment, LATCH, PARKING);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = (int) x();
        r.r2 = (int) version();
        r.r3 = flags();
    }
}
