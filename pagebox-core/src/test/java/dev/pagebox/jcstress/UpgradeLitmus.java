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

/** {@link HybridLatch#tryUpgradeToExclusive} under races. */
public final class UpgradeLitmus {
    private UpgradeLitmus() {}

    /**
     * Two optimistic readers took the same stamp and both try to upgrade it, neither releasing: exactly one may
     * succeed. Result: (first upgraded, second upgraded, flags above the version: 0x8000 = X).
     */
    @JCStressTest
    @Description("Two upgrades from the same stamp")
    @Outcome(
            id = {"1, 0, 32768", "0, 1, 32768"},
            expect = ACCEPTABLE,
            desc = "One upgrade won.")
    @Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "Both upgraded: two exclusive holders.")
    @Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "Neither upgraded a valid stamp.")
    @Outcome(expect = FORBIDDEN, desc = "Latch word does not show the winner.")
    @State
    public static class Race extends LatchedCell {
        private final long stamp = HybridLatch.tryOptimisticRead(segment, LATCH);

        @Actor
        public void upgrader1(III_Result r) {
            r.r1 = HybridLatch.tryUpgradeToExclusive(segment, LATCH, stamp) ? 1 : 0;
        }

        @Actor
        public void upgrader2(III_Result r) {
            r.r2 = HybridLatch.tryUpgradeToExclusive(segment, LATCH, stamp) ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = flags();
        }
    }

    /**
     * A reader read {@code x == 0} under a stamp and upgrades it while a writer sets {@code x = 1}: if the
     * upgrade succeeds, the writer must not have run yet, so the upgraded reader still sees 0 and the writer's
     * section comes second. Result: (upgraded, x seen after the upgrade or -1, final version).
     */
    @JCStressTest
    @Description("Upgrade of a stamp vs a concurrent writer")
    @Outcome(id = "1, 0, 2", expect = ACCEPTABLE, desc = "Upgrade first, then the writer.")
    @Outcome(id = "0, -1, 1", expect = ACCEPTABLE, desc = "Writer first (or holding): the stamp went stale.")
    @Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "Upgraded a stale stamp.")
    @Outcome(expect = FORBIDDEN, desc = "Impossible state.")
    @State
    public static class Stale extends LatchedCell {
        private final long stamp = HybridLatch.tryOptimisticRead(segment, LATCH);

        @Actor
        public void upgrader(III_Result r) {
            if (HybridLatch.tryUpgradeToExclusive(segment, LATCH, stamp)) {
                r.r1 = 1;
                r.r2 = (int) x();
                HybridLatch.unlockExclusive(segment, LATCH, PARKING);
            } else {
                r.r1 = 0;
                r.r2 = -1;
            }
        }

        @Actor
        public void writer() {
            HybridLatch.lockExclusive(segment, LATCH, PARKING);
            setX(1);
            HybridLatch.unlockExclusive(segment, LATCH, PARKING);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = (int) version() | flags() << 16;
        }
    }
}
