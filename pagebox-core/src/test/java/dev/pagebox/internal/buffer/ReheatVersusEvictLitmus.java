/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Swip CAS versus eviction: a reader resolves the cooling child (re-heating it by CAS on the swip) while the
 * evictor evicts it (CAS of the swip to the page id under the parent's and child's exclusive latches). Exactly
 * one may win: a reader handed the child's frame while that frame is evicted would read a recycled frame.
 * Result: (reader, evictor, swip, frame state) with reader 1 = got the child's frame, 0 = restart, 2 = faulted
 * the page into another frame; evictor 1 = evicted (from the cooling stage only: nothing is re-cooled); swip
 * 1 hot on the child, 2 cooling, 3 evicted, 4 hot on another frame; frame state 0 free, 2 hot, 3 cooling.
 */
@JCStressTest
@Description("Re-heating a cooling page races its eviction")
@Outcome(id = "1, 0, 1, 2", expect = ACCEPTABLE, desc = "Reader re-heated first; eviction backed off.")
@Outcome(id = "0, 1, 3, 0", expect = ACCEPTABLE_INTERESTING, desc = "Evicted first; the reader restarts.")
@Outcome(id = "2, 1, 4, 0", expect = ACCEPTABLE_INTERESTING, desc = "Evicted first; the reader faulted it back.")
@Outcome(expect = FORBIDDEN, desc = "Both won, or swip and frame disagree.")
@State
public class ReheatVersusEvictLitmus extends EvictionFixture {
    @Actor
    public void reader(IIII_Result r) {
        long stamp = pool.frames().optimistic(parent);
        int frame = pool.resolve(parent, stamp, SWIP);
        r.r1 = frame == BufferPool.RESTART ? 0 : frame == child ? 1 : 2;
    }

    @Actor
    public void evictor(IIII_Result r) {
        r.r2 = pool.evictor().evictQueued() == child ? 1 : 0;
    }

    @Arbiter
    public void after(IIII_Result r) {
        r.r3 = swipState();
        r.r4 = r.r1 == 2 ? 0 : childFrameState();
        close();
    }
}
