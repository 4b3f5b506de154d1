/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.latch;

import dev.pagebox.internal.mem.Words;
import java.lang.foreign.MemorySegment;

/**
 * The hybrid latch of LeanStore: one 64-bit word that supports optimistic reads (no store to shared memory),
 * shared locks and exclusive locks. This class is stateless; it operates on a latch word that lives elsewhere
 * (a frame's metadata), addressed as {@code (segment, offset)}.
 *
 * <pre>
 *    63   62   61            48 47                                               0
 *   +----+----+----------------+--------------------------------------------------+
 *   | X  | W  |  shared count  |                    version                       |
 *   +----+----+----------------+--------------------------------------------------+
 *   X: held EXCLUSIVE           W: some thread is parked waiting for this word
 * </pre>
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li>OPTIMISTIC: {@link #tryOptimisticRead} returns a stamp (the version, X clear) or {@link #NO_STAMP} if
 *       the latch is held exclusively; the reader reads the protected data, then {@link #validate}s the stamp.
 *       Data read before a successful validation is consistent; before that it may be torn, so every offset
 *       or length derived from it must be range-checked by hand.
 *   <li>SHARED: {@link #tryLockShared} increments the shared count if X is clear. The version is unchanged,
 *       so shared holders and optimistic readers coexist.
 *   <li>EXCLUSIVE: {@link #tryLockExclusive} sets X if X is clear and the shared count is zero;
 *       {@link #unlockExclusive} clears X and increments the version, which fails every optimistic reader that
 *       overlapped the critical section. {@link #tryUpgradeToExclusive} turns a still-valid optimistic stamp
 *       into an exclusive lock without a window in between.
 * </ul>
 *
 * <h2>Why optimistic reads are safe (the fence argument)</h2>
 * This is a seqlock (Boehm, "Can seqlocks get along with programming language memory models?", 2012; the
 * same argument as {@link java.util.concurrent.locks.StampedLock}'s "Algorithmic notes"). Writer: (1) CAS sets
 * X, (2) {@link Words#storeStoreFence} keeps the data stores after it, (3) plain data stores, (4) a volatile
 * read-modify-write clears X and bumps the version, releasing the data stores. Reader: (a) acquire-load of the
 * word, (b) plain data loads, (c) {@link Words#acquireFence} keeps those loads before (d), (d) re-load of the
 * word. If any load in (b) observed a store from (3), then (d) observes (1) or (4) because (3) follows (1) in
 * store order and (c) orders (b) before (d): the word then has X set or a new version, and validation fails.
 * If (d) equals (a), no load in (b) overlapped a critical section, so the reader saw one consistent state.
 *
 * <h2>Contention</h2>
 * Blocked lockers spin briefly ({@link Thread#onSpinWait()}), then park in {@link LatchParking}. Releases are
 * atomic read-modify-writes (not plain stores) so that a W bit set concurrently is never lost.
 */
public final class HybridLatch {
    /** A stamp that never validates: the latch was held exclusively when the read began. */
    public static final long NO_STAMP = -1L;

    private static final long EXCLUSIVE_BIT = 0b1000000000000000000000000000000000000000000000000000000000000000L;
    private static final long WAITERS_BIT = 0b0100000000000000000000000000000000000000000000000000000000000000L;
    private static final long SHARED_MASK = 0b0011111111111111000000000000000000000000000000000000000000000000L;
    private static final long VERSION_MASK = 0b0000000000000000111111111111111111111111111111111111111111111111L;
    private static final long SHARED_ONE = Long.lowestOneBit(SHARED_MASK);
    private static final long STAMP_MASK = EXCLUSIVE_BIT | VERSION_MASK;

    /** The most shared holders at once; more {@link #tryLockShared} calls fail until one leaves. */
    public static final int MAX_SHARED = (int) (SHARED_MASK / SHARED_ONE);

    /** The word of an unlocked latch at version 0. */
    public static final long UNLOCKED = 0L;

    private static final int SPINS_BEFORE_PARK = 64;

    private HybridLatch() {}

    /**
     * Starts an optimistic read.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @return the stamp to pass to {@link #validate}, or {@link #NO_STAMP} if the latch is held exclusively
     */
    public static long tryOptimisticRead(MemorySegment segment, long offset) {
        long word = Words.getAcquire(segment, offset);
        return (word & EXCLUSIVE_BIT) == 0 ? word & VERSION_MASK : NO_STAMP;
    }

    /**
     * Starts an optimistic read, waiting while the latch is held exclusively.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @param parking where to sleep when spinning is not enough
     * @return a stamp, never {@link #NO_STAMP}
     */
    public static long awaitOptimisticRead(MemorySegment segment, long offset, LatchParking parking) {
        long stamp = tryOptimisticRead(segment, offset);
        return stamp != NO_STAMP ? stamp : awaitOptimisticReadSlow(segment, offset, parking);
    }

    private static long awaitOptimisticReadSlow(MemorySegment segment, long offset, LatchParking parking) {
        for (int spins = 0; ; spins++) {
            long stamp = tryOptimisticRead(segment, offset);
            if (stamp != NO_STAMP) {
                return stamp;
            }
            if (spins < SPINS_BEFORE_PARK) {
                Thread.onSpinWait();
            } else {
                parkWhile(segment, offset, parking, EXCLUSIVE_BIT);
            }
        }
    }

    /**
     * Ends an optimistic read: tells whether everything read since the stamp was taken is consistent.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @param stamp from {@link #tryOptimisticRead}
     * @return true if no writer held or released the latch since the stamp was taken
     */
    public static boolean validate(MemorySegment segment, long offset, long stamp) {
        Words.acquireFence(); // (c) in the class javadoc: data loads stay before the re-load of the word
        return (Words.getAcquire(segment, offset) & STAMP_MASK) == stamp;
    }

    /**
     * Takes the latch exclusively if it is free.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @return whether the caller now holds it EXCLUSIVE
     */
    public static boolean tryLockExclusive(MemorySegment segment, long offset) {
        long word = Words.getVolatile(segment, offset);
        if ((word & (EXCLUSIVE_BIT | SHARED_MASK)) != 0
                || !Words.compareAndSet(segment, offset, word, word | EXCLUSIVE_BIT)) {
            return false;
        }
        Words.storeStoreFence(); // (2) in the class javadoc: data stores stay after the CAS that set X
        return true;
    }

    /**
     * Takes the latch exclusively, waiting as long as it takes.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @param parking where to sleep when spinning is not enough
     */
    public static void lockExclusive(MemorySegment segment, long offset, LatchParking parking) {
        if (!tryLockExclusive(segment, offset)) {
            lockExclusiveSlow(segment, offset, parking);
        }
    }

    private static void lockExclusiveSlow(MemorySegment segment, long offset, LatchParking parking) {
        for (int spins = 0; !tryLockExclusive(segment, offset); spins++) {
            if (spins < SPINS_BEFORE_PARK) {
                Thread.onSpinWait();
            } else {
                parkWhile(segment, offset, parking, EXCLUSIVE_BIT | SHARED_MASK);
            }
        }
    }

    /**
     * Turns an optimistic read into an exclusive lock if nothing changed since the stamp was taken.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @param stamp from {@link #tryOptimisticRead}
     * @return true if the caller now holds the latch EXCLUSIVE and its earlier reads are still valid; false if
     *     the stamp is stale or shared holders are present (the caller restarts)
     */
    public static boolean tryUpgradeToExclusive(MemorySegment segment, long offset, long stamp) {
        while (true) {
            long word = Words.getVolatile(segment, offset);
            if ((word & STAMP_MASK) != stamp || (word & SHARED_MASK) != 0) {
                return false;
            }
            if (Words.compareAndSet(segment, offset, word, word | EXCLUSIVE_BIT)) {
                Words.storeStoreFence(); // (2) in the class javadoc
                return true;
            }
            // Only the W bit can have changed under an unchanged stamp with no shared holders: retry.
        }
    }

    /**
     * Releases an exclusive latch, bumping the version so that overlapping optimistic readers restart.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @param parking where waiters sleep
     * @throws IllegalMonitorStateException if the latch is not held exclusively
     */
    public static void unlockExclusive(MemorySegment segment, long offset, LatchParking parking) {
        long word = Words.getVolatile(segment, offset);
        while (true) {
            if ((word & EXCLUSIVE_BIT) == 0) {
                throw misuse("unlockExclusive", word);
            }
            long next = (word & VERSION_MASK) + 1 & VERSION_MASK;
            long witness = Words.compareAndExchange(segment, offset, word, next);
            if (witness == word) {
                break;
            }
            word = witness;
        }
        if ((word & WAITERS_BIT) != 0) {
            parking.wakeAll(segment, offset);
        }
    }

    /**
     * Releases an exclusive latch without bumping the version, for a writer that changed nothing: optimistic
     * readers that overlapped stay valid.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @param parking where waiters sleep
     * @throws IllegalMonitorStateException if the latch is not held exclusively
     */
    public static void unlockExclusiveUnchanged(MemorySegment segment, long offset, LatchParking parking) {
        long word = Words.getVolatile(segment, offset);
        while (true) {
            if ((word & EXCLUSIVE_BIT) == 0) {
                throw misuse("unlockExclusiveUnchanged", word);
            }
            long witness = Words.compareAndExchange(segment, offset, word, word & VERSION_MASK);
            if (witness == word) {
                break;
            }
            word = witness;
        }
        if ((word & WAITERS_BIT) != 0) {
            parking.wakeAll(segment, offset);
        }
    }

    /**
     * Takes the latch in shared mode if it is not held exclusively.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @return whether the caller now holds it SHARED
     */
    public static boolean tryLockShared(MemorySegment segment, long offset) {
        long word = Words.getVolatile(segment, offset);
        while ((word & EXCLUSIVE_BIT) == 0 && (word & SHARED_MASK) != SHARED_MASK) {
            long witness = Words.compareAndExchange(segment, offset, word, word + SHARED_ONE);
            if (witness == word) {
                return true;
            }
            word = witness;
        }
        return false;
    }

    /**
     * Takes the latch in shared mode, waiting as long as it takes.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @param parking where to sleep when spinning is not enough
     */
    public static void lockShared(MemorySegment segment, long offset, LatchParking parking) {
        if (!tryLockShared(segment, offset)) {
            lockSharedSlow(segment, offset, parking);
        }
    }

    private static void lockSharedSlow(MemorySegment segment, long offset, LatchParking parking) {
        for (int spins = 0; !tryLockShared(segment, offset); spins++) {
            if (spins < SPINS_BEFORE_PARK) {
                Thread.onSpinWait();
            } else {
                parkWhile(segment, offset, parking, EXCLUSIVE_BIT);
            }
        }
    }

    /**
     * Releases a shared latch.
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @param parking where waiters sleep
     * @throws IllegalMonitorStateException if the latch is not held in shared mode
     */
    public static void unlockShared(MemorySegment segment, long offset, LatchParking parking) {
        long word = Words.getVolatile(segment, offset);
        while (true) {
            if ((word & SHARED_MASK) == 0 || (word & EXCLUSIVE_BIT) != 0) {
                throw misuse("unlockShared", word);
            }
            long next = word - SHARED_ONE;
            boolean lastOut = (next & SHARED_MASK) == 0;
            if (lastOut) {
                next &= ~WAITERS_BIT;
            }
            long witness = Words.compareAndExchange(segment, offset, word, next);
            if (witness == word) {
                if (lastOut && (word & WAITERS_BIT) != 0) {
                    parking.wakeAll(segment, offset);
                }
                return;
            }
            word = witness;
        }
    }

    /**
     * Parks while any of {@code blockingBits} is set, after announcing itself through the W bit.
     */
    private static void parkWhile(MemorySegment segment, long offset, LatchParking parking, long blockingBits) {
        parking.park(segment, offset, () -> {
            while (true) {
                long word = Words.getVolatile(segment, offset);
                if ((word & blockingBits) == 0) {
                    return false;
                }
                if ((word & WAITERS_BIT) != 0 || Words.compareAndSet(segment, offset, word, word | WAITERS_BIT)) {
                    return true;
                }
            }
        });
    }

    /**
     * Tells whether the latch is held exclusively right now (a snapshot, for assertions and diagnostics).
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @return whether X is set
     */
    public static boolean isLockedExclusive(MemorySegment segment, long offset) {
        return (Words.getVolatile(segment, offset) & EXCLUSIVE_BIT) != 0;
    }

    /**
     * Returns the number of shared holders right now (a snapshot, for assertions and diagnostics).
     *
     * @param segment memory holding the latch word
     * @param offset offset of the word
     * @return the shared count
     */
    public static int sharedCount(MemorySegment segment, long offset) {
        return (int) ((Words.getVolatile(segment, offset) & SHARED_MASK) / SHARED_ONE);
    }

    /**
     * Returns the version part of a latch word.
     *
     * @param latchWord the word
     * @return its version
     */
    public static long version(long latchWord) {
        return latchWord & VERSION_MASK;
    }

    /**
     * Describes a latch word for error messages, e.g. {@code "EXCLUSIVE, 0 shared, waiters, version 7"}.
     *
     * @param latchWord the word
     * @return the description
     */
    public static String describe(long latchWord) {
        return ((latchWord & EXCLUSIVE_BIT) != 0 ? "EXCLUSIVE" : "not exclusive")
                + ", " + (latchWord & SHARED_MASK) / SHARED_ONE + " shared"
                + ((latchWord & WAITERS_BIT) != 0 ? ", waiters" : "")
                + ", version " + (latchWord & VERSION_MASK);
    }

    private static IllegalMonitorStateException misuse(String operation, long latchWord) {
        return new IllegalMonitorStateException(operation + " on a latch in state: " + describe(latchWord));
    }
}
