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
 * A fault versus the eviction of a sibling: the reader resolves the evicted sibling (reading it from the
 * store) while the evictor evicts the cooling child of the same parent, which bumps the parent's version. The
 * read must end installed in exactly the swip that names it, or discarded with its frame freed; the reader may
 * use the frame only if the parent never changed. Result: (reader, evictor, sibling) with reader 1 = got the
 * sibling's frame, 0 = restart; evictor 1 = evicted the child; sibling 1 = its swip hot on a frame that is hot
 * and holds it (the frame the reader got, if it got one), 3 = its swip evicted; either with no frame leaked.
 */
@JCStressTest
@Description("Faulting a page in races its sibling's eviction")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "Installed before the eviction changed the parent.")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "Installed after the parent changed; restart.")
@Outcome(id = "0, 1, 3", expect = ACCEPTABLE, desc = "Restarted before reading, or the parent stayed latched.")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "The reader held the parent while the eviction tried.")
@Outcome(expect = FORBIDDEN, desc = "A read lost, installed twice, or handed out with the parent changed.")
@State
public class FaultVersusSiblingEvictLitmus extends EvictionFixture {
    private int returned = BufferPool.RESTART;

    @Actor
    public void reader(III_Result r) {
        long stamp = pool.frames().optimistic(parent);
        returned = pool.resolve(parent, stamp, SIBLING_SWIP);
        r.r1 = returned == BufferPool.RESTART ? 0 : 1;
    }

    @Actor
    public void evictor(III_Result r) {
        r.r2 = pool.evictor().evictQueued() == child ? 1 : 0;
    }

    @Arbiter
    public void after(III_Result r) {
        long swip = Words.getVolatile(pool.frames().page(parent), SIBLING_SWIP);
        // Taken: the pinned parent, and the child's frame (resident, or handed to the evictor's caller).
        int expectedFree = pool.frameCount() - 2;
        if (SwipWord.isHot(swip)) {
            int frame = (int) SwipWord.frameIndex(swip);
            boolean holds = pool.frames().state(frame) == FrameTable.HOT
                    && pool.frames().pageId(frame) == siblingPageId;
            boolean handedOut = returned == BufferPool.RESTART || returned == frame;
            r.r3 = holds && handedOut && pool.stats().freeFrames() == expectedFree - 1 ? 1 : 4;
        } else {
            boolean evicted = swip == SwipWord.evicted(siblingPageId) && returned == BufferPool.RESTART;
            r.r3 = evicted && pool.stats().freeFrames() == expectedFree ? 3 : 4;
        }
        close();
    }
}
