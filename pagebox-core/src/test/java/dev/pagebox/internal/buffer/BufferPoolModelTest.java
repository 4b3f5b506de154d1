/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.PageboxStats;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.PageStoreConfig;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pool of a handful of frames over hundreds of pages, with several threads (platform and virtual) reading
 * and incrementing page counters while eviction runs all the time. Every read must see intact content no
 * older than the last increment that finished before it, every page must end with exactly its number of
 * increments (in this pool and after a reopen from disk), no page is written before the log covers it, and
 * the counters add up.
 */
class BufferPoolModelTest {
    private static final int PAGE_SIZE = 4096;
    private static final int FRAMES = 24;
    private static final int ROOTS = 2;
    private static final int SLOTS = 200;
    private static final int THREADS = 6;
    private static final int OPS_PER_THREAD = 6_000;

    @TempDir
    Path directory;

    /** The WAL stand-in: hands out LSNs and records how far it was made durable. */
    static final class FakeLog implements LogFlusher {
        final AtomicLong next = new AtomicLong();
        final AtomicLong durable = new AtomicLong();

        @Override
        public void ensureDurable(long lsn) {
            durable.accumulateAndGet(lsn, Math::max);
        }
    }

    /** Page I/O over the store that checks the write-ahead rule on every write. */
    static PageIo checkingWal(PageStore store, FakeLog log, AtomicReference<Throwable> failure) {
        return new ForwardingPageIo(PageIo.of(store)) {
            @Override
            public void write(long pageId, MemorySegment source) {
                long pageLsn = PageHeaderLayout.pageLsn(source);
                if (pageLsn > log.durable.get()) {
                    failure.compareAndSet(
                            null,
                            new AssertionError("page " + pageId + " written at LSN " + pageLsn
                                    + " before the log was durable past " + log.durable.get()));
                }
                super.write(pageId, source);
            }
        };
    }

    @ParameterizedTest(name = "background provider: {0}")
    @ValueSource(booleans = {false, true})
    void everyPageReadsBackItsLastWrittenContent(boolean backgroundProvider) throws Exception {
        runModel(backgroundProvider, OPS_PER_THREAD);
    }

    @Test
    @Tag("stress")
    void longRunWithTheProvider() throws Exception {
        runModel(true, 100 * OPS_PER_THREAD);
    }

    private void runModel(boolean backgroundProvider, int opsPerThread) throws Exception {
        FakeLog log = new FakeLog();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLongArray expected = new AtomicLongArray(ROOTS * SLOTS);
        BufferPoolConfig config = new BufferPoolConfig(
                (long) FRAMES * PAGE_SIZE, PAGE_SIZE, 10, 5, Duration.ofSeconds(60), backgroundProvider);
        long[] roots;
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool pool = new BufferPool(config, checkingWal(store, log, failure), log)) {
            TwoLevelDirectory directory = TwoLevelDirectory.create(pool, ROOTS, SLOTS);
            roots = directory.rootPageIds();

            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                Runnable worker = () -> {
                    try {
                        runWorker(directory, expected, log, new SplittableRandom(seed), opsPerThread);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                };
                threads.add(
                        t % 2 == 0
                                ? Thread.ofPlatform().start(worker)
                                : Thread.ofVirtual().start(worker));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failure.get()).isNull();

            long sum = 0;
            for (int leaf = 0; leaf < directory.leaves(); leaf++) {
                long counter = directory.readCounter(leaf);
                assertThat(counter).as("leaf %d", leaf).isEqualTo(expected.get(leaf));
                sum += counter;
            }
            assertThat(sum).as("no increment lost").isEqualTo(log.next.get());
            PageboxStats.Pool stats = pool.stats();
            assertThat(stats.misses())
                    .as("the pool is far smaller than the data")
                    .isGreaterThan(1000);
            assertThat(stats.evictions()).isGreaterThan(1000);
            assertThat(stats.writeBacks()).isGreaterThan(0);
            assertThat(stats.pinnedFrames()).isEqualTo(ROOTS);
            if (!backgroundProvider) {
                // Nothing moves now: every frame is accounted for.
                int resident = stats.hotFrames() + stats.coolingFrames() + stats.pinnedFrames();
                assertThat(resident + stats.freeFrames()).isEqualTo(FRAMES);
                long created = ROOTS + (long) ROOTS * SLOTS;
                assertThat(created + stats.misses() - stats.evictions()).isEqualTo(resident);
            }

            pool.writeDirtyPages();
            assertThat(pool.stats().dirtyFrames()).isZero();
            store.writeCheckpoint(log.durable.get(), roots[0], new byte[256]);
        }
        assertThat(failure.get()).isNull();

        // A new pool over the same store sees the same counters, faulting every page in from disk.
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool pool = new BufferPool(config, PageIo.of(store), log)) {
            TwoLevelDirectory directory = TwoLevelDirectory.open(pool, roots, SLOTS);
            for (int leaf = 0; leaf < directory.leaves(); leaf++) {
                assertThat(directory.readCounter(leaf))
                        .as("leaf %d after reopen", leaf)
                        .isEqualTo(expected.get(leaf));
            }
        }
    }

    private static void runWorker(
            TwoLevelDirectory directory, AtomicLongArray expected, FakeLog log, SplittableRandom random, int ops) {
        for (int op = 0; op < ops; op++) {
            // Skewed choice: a hot set that stays resident and a long tail that keeps eviction busy.
            int leaf = random.nextInt(4) == 0
                    ? random.nextInt(directory.leaves())
                    : random.nextInt(Math.min(8, directory.leaves()));
            if (random.nextInt(3) == 0) {
                long value = directory.increment(leaf, log.next.incrementAndGet());
                // Increments of one leaf are serialised by its latch; publish the highest value seen.
                expected.accumulateAndGet(leaf, value, Math::max);
            } else {
                long floor = expected.get(leaf);
                long seen = directory.readCounter(leaf);
                if (seen < floor) {
                    throw new AssertionError("leaf " + leaf + " went back from " + floor + " to " + seen);
                }
            }
        }
    }
}
