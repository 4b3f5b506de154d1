/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.pagebox.internal.latch.HybridLatch;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The seqlock argument of {@link HybridLatch}: a writer stores {@code x} then {@code y} inside an exclusive
 * section; an optimistic reader loads both and validates. A validated read must see both stores or neither. This
 * fails if the writer's data stores can become visible before the CAS that sets X (missing store-store fence) or
 * the reader's data loads can move after the validating load (missing acquire fence), or if release does not
 * change the version. Result: (outcome, x, y) with outcome 1 = validated, 0 = validation failed, 2 = no stamp.
 */
@JCStressTest
@Description("Optimistic read of (x, y) against one exclusive writer")
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "Validated read before the writer.")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "Validated read after the writer.")
@Outcome(id = "0, .*", expect = ACCEPTABLE_INTERESTING, desc = "Overlapped the writer: validation failed.")
@Outcome(id = "2, 0, 0", expect = ACCEPTABLE, desc = "Latch held exclusively: no stamp, nothing read.")
@Outcome(
        id = {"1, 1, 0", "1, 0, 1"},
        expect = FORBIDDEN,
        desc = "Validated a torn read.")
@Outcome(expect = FORBIDDEN, desc = "Impossible state.")
@State
public class SeqlockLitmus extends LatchedCell {
    @Actor
    public void writer() {
        HybridLatch.lockExclusive(segment, LATCH, PARKING);
        setX(1);
        setY(1);
        HybridLatch.unlockExclusive(segment, LATCH, PARKING);
    }

    @Actor
    public void optimisticReader(III_Result r) {
        long stamp = HybridLatch.tryOptimisticRead(segment, LATCH);
        if (stamp == HybridLatch.NO_STAMP) {
            r.r1 = 2;
            return;
        }
        int x = (int) x();
        int y = (int) y();
        r.r1 = HybridLatch.validate(segment, LATCH, stamp) ? 1 : 0;
        r.r2 = x;
        r.r3 = y;
    }
}
