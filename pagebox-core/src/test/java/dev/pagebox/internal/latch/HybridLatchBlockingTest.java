/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.latch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.internal.mem.Words;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The blocking paths of {@link HybridLatch}: a waiter spins, announces itself through the WAITERS bit and parks;
 * only the release that makes its progress possible wakes it. Each test waits for the WAITERS bit (proof that a
 * waiter is parked or about to park under its stripe lock) before releasing, so the park path runs every time.
 * The timeouts only turn a lost wake-up into a failure instead of a hung build.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class HybridLatchBlockingTest {
    private static final long OFFSET = 64;
    private static final long WAITERS_BIT = 1L << 62;

    /** Which kind of thread waits: virtual threads unmount while parked, platform threads block. */
    enum ThreadKind {
        PLATFORM(Thread.ofPlatform().factory()),
        VIRTUAL(Thread.ofVirtual().factory());

        final ThreadFactory factory;

        ThreadKind(ThreadFactory factory) {
            this.factory = factory;
        }
    }

    private final LatchParking parking = new LatchParking();
    private Arena arena;
    private MemorySegment segment;

    @BeforeEach
    void allocate() {
        arena = Arena.ofShared();
        segment = arena.allocate(128, 64);
    }

    @AfterEach
    void free() {
        arena.close();
    }

    private long word() {
        return Words.getVolatile(segment, OFFSET);
    }

    private void awaitParkedWaiter() {
        while ((word() & WAITERS_BIT) == 0) {
            Thread.yield();
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void exclusiveWaiterSleepsUntilTheHolderReleases(ThreadKind kind) throws Exception {
        AtomicInteger acquired = new AtomicInteger();
        HybridLatch.lockExclusive(segment, OFFSET, parking);
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(kind.factory)) {
            Future<?> waiter = executor.submit(() -> {
                HybridLatch.lockExclusive(segment, OFFSET, parking);
                acquired.incrementAndGet();
                HybridLatch.unlockExclusive(segment, OFFSET, parking);
            });
            awaitParkedWaiter();
            assertThat(acquired).hasValue(0);

            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            waiter.get();
        }
        assertThat(acquired).hasValue(1);
        assertThat(word()).as("two sections, no waiter left").isEqualTo(2L);
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void sharedWaiterSleepsUntilTheExclusiveHolderReleases(ThreadKind kind) throws Exception {
        HybridLatch.lockExclusive(segment, OFFSET, parking);
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(kind.factory)) {
            Future<Integer> waiter = executor.submit(() -> {
                HybridLatch.lockShared(segment, OFFSET, parking);
                int holders = HybridLatch.sharedCount(segment, OFFSET);
                HybridLatch.unlockShared(segment, OFFSET, parking);
                return holders;
            });
            awaitParkedWaiter();

            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            assertThat(waiter.get()).isEqualTo(1);
        }
        assertThat(word()).isEqualTo(1L);
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void optimisticWaiterGetsTheVersionAfterTheRelease(ThreadKind kind) throws Exception {
        HybridLatch.lockExclusive(segment, OFFSET, parking);
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(kind.factory)) {
            Future<Long> waiter = executor.submit(() -> HybridLatch.awaitOptimisticRead(segment, OFFSET, parking));
            awaitParkedWaiter();

            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            assertThat(waiter.get()).isEqualTo(1L);
        }
        assertThat(word()).isEqualTo(1L);
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void exclusiveWaiterSleepsUntilTheLastSharedHolderLeaves(ThreadKind kind) throws Exception {
        HybridLatch.lockShared(segment, OFFSET, parking);
        HybridLatch.lockShared(segment, OFFSET, parking);
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(kind.factory)) {
            Future<?> waiter = executor.submit(() -> {
                HybridLatch.lockExclusive(segment, OFFSET, parking);
                HybridLatch.unlockExclusive(segment, OFFSET, parking);
            });
            awaitParkedWaiter();

            HybridLatch.unlockShared(segment, OFFSET, parking);
            assertThat(word())
                    .as("one holder left: the writer still waits and stays announced")
                    .isEqualTo(WAITERS_BIT | 1L << 48);

            HybridLatch.unlockShared(segment, OFFSET, parking);
            waiter.get();
        }
        assertThat(word()).isEqualTo(1L);
    }

    @Test
    void upgradeFailsWhileAWaiterIsParkedBehindSharedHolders() throws Exception {
        long stamp = HybridLatch.tryOptimisticRead(segment, OFFSET);
        HybridLatch.lockShared(segment, OFFSET, parking);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> waiter = executor.submit(() -> {
                HybridLatch.lockExclusive(segment, OFFSET, parking);
                HybridLatch.unlockExclusive(segment, OFFSET, parking);
            });
            awaitParkedWaiter();
            assertThat(HybridLatch.tryUpgradeToExclusive(segment, OFFSET, stamp))
                    .isFalse();

            HybridLatch.unlockShared(segment, OFFSET, parking);
            waiter.get();
        }
        assertThat(HybridLatch.tryUpgradeToExclusive(segment, OFFSET, stamp))
                .as("the writer's release made the stamp stale")
                .isFalse();
    }

    @Test
    void everyWaiterOfAMixedCrowdIsWoken() throws Exception {
        int waiters = 12;
        AtomicInteger done = new AtomicInteger();
        HybridLatch.lockExclusive(segment, OFFSET, parking);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService platform = Executors.newFixedThreadPool(waiters / 2);
                ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < waiters; i++) {
                ExecutorService executor = i % 2 == 0 ? platform : virtual;
                boolean writer = i % 3 != 0;
                futures.add(executor.submit(() -> {
                    if (writer) {
                        HybridLatch.lockExclusive(segment, OFFSET, parking);
                        HybridLatch.unlockExclusive(segment, OFFSET, parking);
                    } else {
                        HybridLatch.lockShared(segment, OFFSET, parking);
                        HybridLatch.unlockShared(segment, OFFSET, parking);
                    }
                    done.incrementAndGet();
                }));
            }
            awaitParkedWaiter();

            HybridLatch.unlockExclusive(segment, OFFSET, parking);
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(done).hasValue(waiters);
        assertThat(word())
                .as("1 + 8 exclusive sections, nothing held, no waiter")
                .isEqualTo(9L);
    }

    @Test
    void sharedLockerBlockedByASaturatedCountProceedsWhenOneLeaves() throws Exception {
        for (int i = 0; i < HybridLatch.MAX_SHARED; i++) {
            HybridLatch.lockShared(segment, OFFSET, parking);
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> waiter = executor.submit(() -> HybridLatch.lockShared(segment, OFFSET, parking));

            HybridLatch.unlockShared(segment, OFFSET, parking);
            waiter.get();
        }
        assertThat(HybridLatch.sharedCount(segment, OFFSET)).isEqualTo(HybridLatch.MAX_SHARED);
        for (int i = 0; i < HybridLatch.MAX_SHARED; i++) {
            HybridLatch.unlockShared(segment, OFFSET, parking);
        }
        assertThat(word()).isZero();
    }
}
