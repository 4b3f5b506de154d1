/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.latch;

import static dev.pagebox.internal.latch.HybridLatch.NO_STAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.internal.mem.Words;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Single-threaded tests of every {@link HybridLatch} mode transition and of misuse. The latch word lives at a
 * non-zero offset inside a native segment, with guard words on both sides, as it does in a frame header.
 */
final class HybridLatchTest {
    /** The bit layout of the class javadoc, restated here so that a silent layout change fails these tests. */
    private static final long EXCLUSIVE_BIT = 1L << 63;

    private static final long WAITERS_BIT = 1L << 62;
    private static final long SHARED_ONE = 1L << 48;
    private static final long VERSION_MASK = (1L << 48) - 1;

    private static final long OFFSET = 8;
    private static final long GUARD = 0x5A5A_5A5A_5A5A_5A5AL;

    private final LatchParking parking = new LatchParking();
    private Arena arena;
    private MemorySegment segment;

    @BeforeEach
    void allocate() {
        arena = Arena.ofConfined();
        segment = arena.allocate(3 * Long.BYTES, Long.BYTES);
        Words.setVolatile(segment, 0L, GUARD);
        Words.setVolatile(segment, OFFSET + Long.BYTES, GUARD);
    }

    @AfterEach
    void checkGuardsAndFree() {
        assertThat(Words.getVolatile(segment, 0L)).as("word before the latch").isEqualTo(GUARD);
        assertThat(Words.getVolatile(segment, OFFSET + Long.BYTES))
                .as("word after the latch")
                .isEqualTo(GUARD);
        arena.close();
    }

    private long word() {
        return Words.getVolatile(segment, OFFSET);
    }

    private void setWord(long word) {
        Words.setVolatile(segment, OFFSET, word);
    }

    @Test
    void freshLatchIsUnlockedAtVersionZero() {
        assertThat(word()).isEqualTo(HybridLatch.UNLOCKED);
        assertThat(HybridLatch.isLockedExclusive(segment, OFFSET)).isFalse();
        assertThat(HybridLatch.sharedCount(segment, OFFSET)).isZero();
        assertThat(HybridLatch.tryOptimisticRead(segment, OFFSET)).isZero();
    }

    @Nested
    final class Optimistic {
        @Test
        void stampValidatesWhileUntouched() {
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);

            assertThat(stamp).isNotEqualTo(NO_STAMP);
            assertThat(HybridLatch.validate(segment, OFFSET, stamp)).isTrue();
            assertThat(HybridLatch.validate(segment, OFFSET, stamp))
                    .as("validation is repeatable")
                    .isTrue();
            assertThat(word()).as("optimistic reads never store").isEqualTo(HybridLatch.UNLOCKED);
        }

        @Test
        void stampFailsDuringAndAfterAnExclusiveSection() {
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);

            HybridLatch.lockExclusive(segment, OFFSET, parking);
            assertThat(HybridLatch.validate(segment, OFFSET, stamp))
                    .as("while held")
                    .isFalse();
            HybridLatch.unlockExclusive(segment, OFFSET, parking);

            assertThat(HybridLatch.validate(segment, OFFSET, stamp))
                    .as("after release")
                    .isFalse();
            long next = HybridLatch.tryOptimisticRead(segment, OFFSET);
            assertThat(next).isEqualTo(stamp + 1);
            assertThat(HybridLatch.validate(segment, OFFSET, next)).isTrue();
        }

        @Test
        void noStampWhileExclusivelyHeld() {
            HybridLatch.lockExclusive(segment, OFFSET, parking);

            assertThat(HybridLatch.tryOptimisticRead(segment, OFFSET)).isEqualTo(NO_STAMP);
            assertThat(HybridLatch.validate(segment, OFFSET, NO_STAMP)).isFalse();
            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            assertThat(HybridLatch.validate(segment, OFFSET, NO_STAMP))
                    .as("NO_STAMP never validates")
                    .isFalse();
        }

        @Test
        void noStampNeverValidatesWhateverTheWord() {
            for (long word : new long[] {0, VERSION_MASK, VERSION_MASK | WAITERS_BIT, -1L, Long.MAX_VALUE}) {
                setWord(word);
                assertThat(HybridLatch.validate(segment, OFFSET, NO_STAMP))
                        .as(HybridLatch.describe(word))
                        .isFalse();
            }
            setWord(HybridLatch.UNLOCKED);
        }

        @Test
        void stampIgnoresSharedHoldersAndTheWaitersBit() {
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);

            setWord(WAITERS_BIT | 3 * SHARED_ONE);
            assertThat(HybridLatch.tryOptimisticRead(segment, OFFSET)).isEqualTo(stamp);
            assertThat(HybridLatch.validate(segment, OFFSET, stamp)).isTrue();
            setWord(HybridLatch.UNLOCKED);
        }

        @Test
        void awaitOptimisticReadOnAFreeLatchReturnsTheVersion() {
            HybridLatch.lockExclusive(segment, OFFSET, parking);
            HybridLatch.unlockExclusive(segment, OFFSET, parking);

            assertThat(HybridLatch.awaitOptimisticRead(segment, OFFSET, parking))
                    .isEqualTo(1L);
        }
    }

    @Nested
    final class Shared {
        @Test
        void sharedHoldersAndOptimisticReadersCoexist() {
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);

            HybridLatch.lockShared(segment, OFFSET, parking);
            assertThat(HybridLatch.tryLockShared(segment, OFFSET)).isTrue();
            assertThat(HybridLatch.sharedCount(segment, OFFSET)).isEqualTo(2);
            assertThat(HybridLatch.tryOptimisticRead(segment, OFFSET)).isEqualTo(stamp);
            assertThat(HybridLatch.validate(segment, OFFSET, stamp)).isTrue();

            HybridLatch.unlockShared(segment, OFFSET, parking);
            HybridLatch.unlockShared(segment, OFFSET, parking);
            assertThat(HybridLatch.sharedCount(segment, OFFSET)).isZero();
            assertThat(HybridLatch.validate(segment, OFFSET, stamp))
                    .as("shared sections do not change the version")
                    .isTrue();
            assertThat(word()).isEqualTo(HybridLatch.UNLOCKED);
        }

        @Test
        void sharedExcludesExclusiveAndUpgrade() {
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);
            HybridLatch.lockShared(segment, OFFSET, parking);

            assertThat(HybridLatch.tryLockExclusive(segment, OFFSET)).isFalse();
            assertThat(HybridLatch.tryUpgradeToExclusive(segment, OFFSET, stamp))
                    .isFalse();
            assertThat(word()).as("failed attempts leave the word alone").isEqualTo(SHARED_ONE);

            HybridLatch.unlockShared(segment, OFFSET, parking);
            assertThat(HybridLatch.tryLockExclusive(segment, OFFSET)).isTrue();
            HybridLatch.unlockExclusive(segment, OFFSET, parking);
        }

        @Test
        void exclusiveExcludesShared() {
            HybridLatch.lockExclusive(segment, OFFSET, parking);

            assertThat(HybridLatch.tryLockShared(segment, OFFSET)).isFalse();
            assertThat(HybridLatch.sharedCount(segment, OFFSET)).isZero();

            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            assertThat(HybridLatch.tryLockShared(segment, OFFSET)).isTrue();
            HybridLatch.unlockShared(segment, OFFSET, parking);
        }

        @Test
        void sharedCountSaturatesAtMaxSharedWithoutCarryingIntoOtherBits() {
            assertThat(HybridLatch.MAX_SHARED).isEqualTo((1 << 14) - 1);
            setWord(41);
            for (int i = 0; i < HybridLatch.MAX_SHARED; i++) {
                assertThat(HybridLatch.tryLockShared(segment, OFFSET)).isTrue();
            }
            long full = word();

            assertThat(HybridLatch.tryLockShared(segment, OFFSET))
                    .as("one more")
                    .isFalse();
            assertThat(word()).isEqualTo(full);
            assertThat(full).isEqualTo(HybridLatch.MAX_SHARED * SHARED_ONE | 41);
            assertThat(HybridLatch.isLockedExclusive(segment, OFFSET)).isFalse();
            assertThat(HybridLatch.tryLockExclusive(segment, OFFSET)).isFalse();

            HybridLatch.unlockShared(segment, OFFSET, parking);
            assertThat(HybridLatch.tryLockShared(segment, OFFSET))
                    .as("after one left")
                    .isTrue();
            for (int i = 0; i < HybridLatch.MAX_SHARED; i++) {
                HybridLatch.unlockShared(segment, OFFSET, parking);
            }
            assertThat(word()).isEqualTo(41);
        }
    }

    @Nested
    final class Exclusive {
        @Test
        void exclusiveExcludesExclusive() {
            assertThat(HybridLatch.tryLockExclusive(segment, OFFSET)).isTrue();
            assertThat(HybridLatch.tryLockExclusive(segment, OFFSET)).isFalse();
            assertThat(word()).isEqualTo(EXCLUSIVE_BIT);

            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            assertThat(word()).isEqualTo(1L);
        }

        @Test
        void unlockExclusiveUnchangedKeepsTheVersion() {
            HybridLatch.lockExclusive(segment, OFFSET, parking);
            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);

            HybridLatch.lockExclusive(segment, OFFSET, parking);
            assertThat(HybridLatch.validate(segment, OFFSET, stamp))
                    .as("while held")
                    .isFalse();
            HybridLatch.unlockExclusiveUnchanged(segment, OFFSET, parking);

            assertThat(HybridLatch.validate(segment, OFFSET, stamp)).isTrue();
            assertThat(word()).isEqualTo(1L);
        }

        @Test
        void versionWrapsAroundWithoutTouchingTheOtherBits() {
            setWord(VERSION_MASK);
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);
            assertThat(stamp).isEqualTo(VERSION_MASK);

            HybridLatch.lockExclusive(segment, OFFSET, parking);
            HybridLatch.unlockExclusive(segment, OFFSET, parking);

            assertThat(word()).isZero();
            assertThat(HybridLatch.sharedCount(segment, OFFSET)).isZero();
            assertThat(HybridLatch.validate(segment, OFFSET, stamp)).isFalse();
        }

        @Test
        void releaseClearsTheWaitersBit() {
            setWord(EXCLUSIVE_BIT | WAITERS_BIT | 7);
            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            assertThat(word()).isEqualTo(8);

            setWord(EXCLUSIVE_BIT | WAITERS_BIT | 7);
            HybridLatch.unlockExclusiveUnchanged(segment, OFFSET, parking);
            assertThat(word()).isEqualTo(7);

            setWord(WAITERS_BIT | 2 * SHARED_ONE | 7);
            HybridLatch.unlockShared(segment, OFFSET, parking);
            assertThat(word())
                    .as("not the last holder: waiters stay announced")
                    .isEqualTo(WAITERS_BIT | SHARED_ONE | 7);
            HybridLatch.unlockShared(segment, OFFSET, parking);
            assertThat(word()).as("the last holder wakes them").isEqualTo(7);
        }
    }

    @Nested
    final class Upgrade {
        @Test
        void upgradeFromAValidStampTakesTheLatch() {
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);

            assertThat(HybridLatch.tryUpgradeToExclusive(segment, OFFSET, stamp))
                    .isTrue();
            assertThat(HybridLatch.isLockedExclusive(segment, OFFSET)).isTrue();
            assertThat(HybridLatch.tryOptimisticRead(segment, OFFSET)).isEqualTo(NO_STAMP);
            assertThat(HybridLatch.tryUpgradeToExclusive(segment, OFFSET, stamp))
                    .as("second upgrade from the same stamp")
                    .isFalse();

            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            assertThat(HybridLatch.validate(segment, OFFSET, stamp)).isFalse();
            assertThat(HybridLatch.tryOptimisticRead(segment, OFFSET)).isEqualTo(stamp + 1);
        }

        @Test
        void upgradeFromAStaleStampFails() {
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);
            HybridLatch.lockExclusive(segment, OFFSET, parking);
            HybridLatch.unlockExclusive(segment, OFFSET, parking);

            assertThat(HybridLatch.tryUpgradeToExclusive(segment, OFFSET, stamp))
                    .isFalse();
            assertThat(HybridLatch.tryUpgradeToExclusive(segment, OFFSET, NO_STAMP))
                    .isFalse();
            assertThat(word()).isEqualTo(1L);
        }

        @Test
        void upgradeFromAStampTakenBeforeAnUnchangedSectionSucceeds() {
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);
            HybridLatch.lockExclusive(segment, OFFSET, parking);
            HybridLatch.unlockExclusiveUnchanged(segment, OFFSET, parking);

            assertThat(HybridLatch.tryUpgradeToExclusive(segment, OFFSET, stamp))
                    .isTrue();
            HybridLatch.unlockExclusive(segment, OFFSET, parking);
        }

        @Test
        void upgradeIgnoresAStaleWaitersBit() {
            long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);
            setWord(WAITERS_BIT | stamp);

            assertThat(HybridLatch.tryUpgradeToExclusive(segment, OFFSET, stamp))
                    .isTrue();
            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            assertThat(word()).isEqualTo(stamp + 1);
        }
    }

    @Nested
    final class Misuse {
        @Test
        void unlockExclusiveOfAFreeLatch() {
            assertMisuse(() -> HybridLatch.unlockExclusive(segment, OFFSET, parking), "unlockExclusive");
            assertMisuse(
                    () -> HybridLatch.unlockExclusiveUnchanged(segment, OFFSET, parking), "unlockExclusiveUnchanged");
        }

        @Test
        void unlockExclusiveOfASharedLatch() {
            HybridLatch.lockShared(segment, OFFSET, parking);

            assertMisuse(() -> HybridLatch.unlockExclusive(segment, OFFSET, parking), "unlockExclusive");
            assertMisuse(
                    () -> HybridLatch.unlockExclusiveUnchanged(segment, OFFSET, parking), "unlockExclusiveUnchanged");
            assertThat(HybridLatch.sharedCount(segment, OFFSET)).isEqualTo(1);
            HybridLatch.unlockShared(segment, OFFSET, parking);
        }

        @Test
        void unlockSharedWithZeroCount() {
            assertMisuse(() -> HybridLatch.unlockShared(segment, OFFSET, parking), "unlockShared");
        }

        @Test
        void unlockSharedOfAnExclusiveLatch() {
            HybridLatch.lockExclusive(segment, OFFSET, parking);

            assertMisuse(() -> HybridLatch.unlockShared(segment, OFFSET, parking), "unlockShared");
            assertThat(HybridLatch.isLockedExclusive(segment, OFFSET)).isTrue();
            HybridLatch.unlockExclusive(segment, OFFSET, parking);
        }

        @Test
        void doubleUnlockExclusive() {
            HybridLatch.lockExclusive(segment, OFFSET, parking);
            HybridLatch.unlockExclusive(segment, OFFSET, parking);

            assertMisuse(() -> HybridLatch.unlockExclusive(segment, OFFSET, parking), "unlockExclusive");
            assertThat(word())
                    .as("the failed unlock did not bump the version again")
                    .isEqualTo(1L);
        }

        /** Misuse must throw, name the operation and the state, and leave the word as it was. */
        private void assertMisuse(Executable misuse, String operation) {
            long before = word();
            assertThatThrownBy(misuse::execute)
                    .isInstanceOf(IllegalMonitorStateException.class)
                    .hasMessage(operation + " on a latch in state: " + HybridLatch.describe(before));
            assertThat(word()).isEqualTo(before);
        }
    }

    @Test
    void describeNamesEveryField() {
        assertThat(HybridLatch.describe(HybridLatch.UNLOCKED)).isEqualTo("not exclusive, 0 shared, version 0");
        assertThat(HybridLatch.describe(EXCLUSIVE_BIT | 7)).isEqualTo("EXCLUSIVE, 0 shared, version 7");
        assertThat(HybridLatch.describe(WAITERS_BIT | 3 * SHARED_ONE | 42))
                .isEqualTo("not exclusive, 3 shared, waiters, version 42");
        assertThat(HybridLatch.describe(-1L)).isEqualTo("EXCLUSIVE, 16383 shared, waiters, version " + VERSION_MASK);
    }

    @Test
    void describeMatchesTheLiveWord() {
        HybridLatch.lockShared(segment, OFFSET, parking);
        HybridLatch.lockShared(segment, OFFSET, parking);

        assertThat(HybridLatch.describe(word())).isEqualTo("not exclusive, 2 shared, version 0");
        HybridLatch.unlockShared(segment, OFFSET, parking);
        HybridLatch.unlockShared(segment, OFFSET, parking);
    }

    @Test
    void versionExtractsTheLowBits() {
        assertThat(HybridLatch.version(EXCLUSIVE_BIT | WAITERS_BIT | 5 * SHARED_ONE | 99))
                .isEqualTo(99);
        assertThat(HybridLatch.version(-1L)).isEqualTo(VERSION_MASK);
    }
}
