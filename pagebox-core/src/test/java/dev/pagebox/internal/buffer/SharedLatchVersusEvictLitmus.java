/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.pagebox.internal.mem.Words;
import dev.pagebox.internal.swip.SwipWord;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Pin versus eviction: a reader lock-couples down to the child and holds it shared (a pin) while the evictor
 * tries to evict it. While the reader holds the child, the parent's swip must keep naming the child's frame and
 * the frame its page. Result: (reader, still there while held, evictor) with reader 1 = held the child, 0 =
 * restarted or reached another frame; still there 1 = swip resident on the child and the frame holding the
 * child's page during the hold; evictor 1 = evicted.
 */
@JCStressTest
@Description("A shared-latched page races its eviction")
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "Reader held the page; eviction backed off.")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "Evicted after the reader let go.")
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE_INTERESTING, desc = "Evicted first; the reader did not hold it.")
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "Reader restarted, eviction backed off.")
@Outcome(id = "1, 0, .", expect = FORBIDDEN, desc = "The page left while a reader held it.")
@Outcome(expect = FORBIDDEN, desc = "Impossible state.")
@State
public class SharedLatchVersusEvictLitmus extends EvictionFixture {
    @Actor
    public void reader(III_Result r) {
        long stamp = pool.frames().optimistic(parent);
        int frame = pool.resolve(parent, stamp, SWIP);
        if (frame != child) {
            return;
        }
        pool.frames().lockShared(frame);
        if (pool.frames().validate(parent, stamp)) {
            r.r1 = 1;
            long swip = Words.getVolatile(pool.frames().page(parent), SWIP);
            boolean resident = SwipWord.isResident(swip) && SwipWord.frameIndex(swip) == child;
            r.r2 = resident && pool.frames().pageId(child) == childPageId ? 1 : 0;
        }
        pool.frames().unlockShared(frame);
    }

    @Actor
    public void evictor(III_Result r) {
        r.r3 = pool.evictor().evictOne() == child ? 1 : 0;
    }

    @Arbiter
    public void after(III_Result r) {
        close();
    }
}
