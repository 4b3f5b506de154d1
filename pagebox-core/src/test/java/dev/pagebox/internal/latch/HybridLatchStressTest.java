/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.latch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.internal.mem.Words;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many more threads than cores (platform and virtual) hammer one latch that guards two counters in a
 * {@link MemorySegment}. Writers increment both counters under EXCLUSIVE (some through an upgraded optimistic
 * read, some with no-op sections released unchanged); optimistic and shared readers check that every state they
 * are allowed to trust has the two counters equal and never goes backwards. At the end the counters must equal
 * the number of increments (no lost update) and the latch version the number of changing sections. The main
 * thread repeatedly holds the latch until a waiter has parked, so the park/wake path runs in every run.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class HybridLatchStressTest {
    private static final long LATCH = 0;
    private static final long FIRST = 64;
    private static final long SECOND = 128;
    private static final long WAITERS_BIT = 1L << 62;

    private static final int PLATFORM_WRITERS = 4;
    private static final int VIRTUAL_WRITERS = 8;
    private static final int INCREMENTS_PER_WRITER = 50_000;
    private static final int OPTIMISTIC_READERS = 2;
    private static final int SHARED_READERS = 2;
    private static final int MIN_READS = 2_000;
    private static final int FORCED_PARKS = 20;

    private final LatchParking parking = new LatchParking();
    private final AtomicBoolean writersDone = new AtomicBoolean();
    private final LongAdder changingSections = new LongAdder();
    private final LongAdder optimisticRestarts = new LongAdder();
    private final LongAdder upgradeFailures = new LongAdder();
    private final LongAdder staleUpgrades = new LongAdder();

    @Test
    void countersStayEqualAndNoIncrementIsLost() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment segment = arena.allocate(192, 64);
            List<Future<?>> writers = new ArrayList<>();
            List<Future<?>> readers = new ArrayList<>();
            try (ExecutorService platform =
                            Executors.newFixedThreadPool(PLATFORM_WRITERS + OPTIMISTIC_READERS + SHARED_READERS);
                    ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < PLATFORM_WRITERS + VIRTUAL_WRITERS; i++) {
                    int writer = i;
                    ExecutorService executor = i < PLATFORM_WRITERS ? platform : virtual;
                    writers.add(executor.submit(() -> write(segment, writer)));
                }
                for (int i = 0; i < OPTIMISTIC_READERS; i++) {
                    readers.add(platform.submit(() -> readOptimistically(segment)));
                }
                for (int i = 0; i < SHARED_READERS; i++) {
                    readers.add((i % 2 == 0 ? platform : virtual).submit(() -> readShared(segment)));
                }
                forceParkedWaiters(segment, writers);
                for (Future<?> writer : writers) {
                    writer.get();
                }
                writersDone.set(true);
                for (Future<?> reader : readers) {
                    reader.get();
                }
            }

            System.out.printf(
                    "optimistic restarts %d, failed upgrades %d, version %d%n",
                    optimisticRestarts.sum(), upgradeFailures.sum(), changingSections.sum());
            assertThat(staleUpgrades.sum())
                    .as("upgrades whose optimistic read was stale")
                    .isZero();
            long total = (long) (PLATFORM_WRITERS + VIRTUAL_WRITERS) * INCREMENTS_PER_WRITER;
            assertThat(read(segment, FIRST)).as("lost updates").isEqualTo(total);
            assertThat(read(segment, SECOND)).isEqualTo(total);
            long word = Words.getVolatile(segment, LATCH);
            assertThat(HybridLatch.describe(word))
                    .as("every changing section bumped the version once; nothing is held or waiting")
                    .isEqualTo(HybridLatch.describe(changingSections.sum()));
        }
    }

    /** Increments both counters; every third increment goes through an optimistic read and an upgrade. */
    private void write(MemorySegment segment, int writer) {
        for (int i = 0; i < INCREMENTS_PER_WRITER; i++) {
            if ((i + writer) % 3 == 0) {
                incrementThroughUpgrade(segment);
            } else {
                HybridLatch.lockExclusive(segment, LATCH, parking);
                increment(segment);
                HybridLatch.unlockExclusive(segment, LATCH, parking);
            }
            changingSections.increment();
            if (i % 16 == 0) {
                // A writer that decides to change nothing must not fail the readers that overlapped it.
                HybridLatch.lockExclusive(segment, LATCH, parking);
                HybridLatch.unlockExclusiveUnchanged(segment, LATCH, parking);
            }
        }
    }

    private void incrementThroughUpgrade(MemorySegment segment) {
        while (true) {
            long stamp = HybridLatch.awaitOptimisticRead(segment, LATCH, parking);
            long first = read(segment, FIRST);
            if (HybridLatch.tryUpgradeToExclusive(segment, LATCH, stamp)) {
                // The upgrade validated the optimistic read: the counter cannot have moved since. (Counted,
                // not asserted: throwing here would leave the latch held and hang every other thread.)
                if (read(segment, FIRST) != first) {
                    staleUpgrades.increment();
                }
                increment(segment);
                HybridLatch.unlockExclusive(segment, LATCH, parking);
                return;
            }
            upgradeFailures.increment();
        }
    }

    private static void increment(MemorySegment segment) {
        write(segment, FIRST, read(segment, FIRST) + 1);
        write(segment, SECOND, read(segment, SECOND) + 1);
    }

    private void readOptimistically(MemorySegment segment) {
        long lastSeen = 0;
        for (int reads = 0; reads < MIN_READS || !writersDone.get(); reads++) {
            while (true) {
                long stamp = HybridLatch.awaitOptimisticRead(segment, LATCH, parking);
                long first = read(segment, FIRST);
                long second = read(segment, SECOND);
                if (HybridLatch.validate(segment, LATCH, stamp)) {
                    assertThat(second).as("validated optimistic read").isEqualTo(first);
                    assertThat(first).as("validated reads never go back").isGreaterThanOrEqualTo(lastSeen);
                    lastSeen = first;
                    break;
                }
                optimisticRestarts.increment();
            }
        }
    }

    private void readShared(MemorySegment segment) {
        long lastSeen = 0;
        for (int reads = 0; reads < MIN_READS || !writersDone.get(); reads++) {
            HybridLatch.lockShared(segment, LATCH, parking);
            long first = read(segment, FIRST);
            long second = read(segment, SECOND);
            HybridLatch.unlockShared(segment, LATCH, parking);
            assertThat(second).as("shared read").isEqualTo(first);
            assertThat(first).as("shared reads never go back").isGreaterThanOrEqualTo(lastSeen);
            lastSeen = first;
        }
    }

    /**
     * Holds the latch until some thread has given up spinning and announced itself, so the park and wake-up
     * path runs under full contention rather than only when the scheduler happens to preempt a holder.
     */
    private void forceParkedWaiters(MemorySegment segment, List<Future<?>> writers) {
        for (int i = 0; i < FORCED_PARKS && !writers.stream().allMatch(Future::isDone); i++) {
            HybridLatch.lockExclusive(segment, LATCH, parking);
            while ((Words.getVolatile(segment, LATCH) & WAITERS_BIT) == 0) {
                Thread.yield();
            }
            HybridLatch.unlockExclusiveUnchanged(segment, LATCH, parking);
        }
    }

    private static long read(MemorySegment segment, long offset) {
        return segment.get(ValueLayout.JAVA_LONG, offset);
    }

    private static void write(MemorySegment segment, long offset, long value) {
        segment.set(ValueLayout.JAVA_LONG, offset, value);
    }
}
