/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.BufferPoolExhaustedException;
import dev.pagebox.CorruptPageException;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.PageStoreConfig;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferPoolTest {
    private static final int PAGE_SIZE = 4096;

    @TempDir
    Path directory;

    private static BufferPoolConfig config(int frames, Duration wait) {
        return new BufferPoolConfig((long) frames * PAGE_SIZE, PAGE_SIZE, 10, 5, wait, false);
    }

    /** Writes a directory of leaves to disk and returns its root page ids. */
    private long[] writeDirectory(int slots) {
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool pool =
                        new BufferPool(config(64, Duration.ofSeconds(30)), PageIo.of(store), LogFlusher.NONE)) {
            TwoLevelDirectory tree = TwoLevelDirectory.create(pool, 1, slots);
            for (int leaf = 0; leaf < slots; leaf++) {
                tree.increment(leaf, 1);
            }
            pool.writeDirtyPages();
            store.writeCheckpoint(1, tree.rootPageIds()[0], new byte[256]);
            return tree.rootPageIds();
        }
    }

    /** Fills every frame with pages of an unregistered owner, which can never be evicted (no parent lookup). */
    private static List<Integer> fillWithUnevictablePages(BufferPool pool) {
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < pool.frameCount(); i++) {
            int frame = pool.newPage(7, PageType.BTREE_LEAF, RedoHolds.CLOSED);
            pool.frames().unlockExclusive(frame);
            held.add(frame);
        }
        return held;
    }

    @Test
    void theFirstChangeAfterACheckpointRedoPointNeedsAFullPageImage() {
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool pool =
                        new BufferPool(config(16, Duration.ofSeconds(30)), PageIo.of(store), LogFlusher.NONE)) {
            int frame = pool.newPage(7, PageType.BTREE_LEAF, RedoHolds.CLOSED);
            PageHeaderLayout.setPageLsn(pool.frames().page(frame), 500);
            assertThat(pool.needsFullPageImage(frame)).as("no checkpoint yet").isFalse();
            pool.setFullImageThreshold(600);
            assertThat(pool.needsFullPageImage(frame))
                    .as("last changed before the redo point")
                    .isTrue();
            PageHeaderLayout.setPageLsn(pool.frames().page(frame), 700); // the image was logged at 700
            assertThat(pool.needsFullPageImage(frame)).isFalse();
            pool.frames().unlockExclusive(frame);
        }
    }

    @Test
    void aPageCorruptedOnDiskFaultsInAsCorruptPageExceptionAndCostsNoFrame() throws Exception {
        long[] roots = writeDirectory(10);
        long corruptPage = roots[0] + 4; // leaves were allocated right after the root
        Path file = directory.resolve(PageStore.DATA_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) (corruptPage * PAGE_SIZE + 1000)] ^= 1;
        Files.write(file, bytes);

        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool pool =
                        new BufferPool(config(16, Duration.ofSeconds(30)), PageIo.of(store), LogFlusher.NONE)) {
            TwoLevelDirectory tree = TwoLevelDirectory.open(pool, roots, 10);
            int corruptLeaf = -1;
            for (int leaf = 0; leaf < 10; leaf++) {
                int free = pool.stats().freeFrames();
                try {
                    assertThat(tree.readCounter(leaf)).isEqualTo(1);
                } catch (CorruptPageException e) {
                    assertThat(e.pageId()).isEqualTo(corruptPage);
                    assertThat(pool.stats().freeFrames())
                            .as("the frame goes back")
                            .isEqualTo(free);
                    corruptLeaf = leaf;
                }
            }
            assertThat(corruptLeaf).as("exactly the damaged page fails").isNotNegative();
            int leaf = corruptLeaf;
            assertThatThrownBy(() -> tree.readCounter(leaf)).isInstanceOf(CorruptPageException.class);
        }
    }

    @Test
    void whenEveryFrameIsBusyACallerGetsAClearExceptionAndThePoolNeverGrows() throws Exception {
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool pool = new BufferPool(
                        config(BufferPoolConfig.MIN_FRAMES, Duration.ofMillis(200)),
                        PageIo.of(store),
                        LogFlusher.NONE)) {
            fillWithUnevictablePages(pool);
            assertThatThrownBy(() -> pool.newPage(7, PageType.BTREE_LEAF, RedoHolds.CLOSED))
                    .isInstanceOf(BufferPoolExhaustedException.class)
                    .hasMessageContaining("all 8 frames")
                    .hasMessageContaining("raise the pool size");
            assertThat(pool.stats().frames()).isEqualTo(BufferPoolConfig.MIN_FRAMES);
            assertThat(pool.stats().frameWaits()).isEqualTo(1);
            long allocatedPages =
                    store.allocator().pageCount() - store.allocator().freePages();
            assertThat(allocatedPages)
                    .as("the failed allocation gave its page id back")
                    .isEqualTo(2 + 8);
        }
    }

    /**
     * The cooling stage (two frames for a pool of eight) is full of pages this thread holds latched, so none of
     * them can be evicted while it waits for a frame: the pool must cool and evict another page instead of
     * waiting for the latched ones until it gives up.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aCoolingStageFullOfLatchedPagesDoesNotStopEviction() {
        long[] roots = writeDirectory(20);
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool pool = new BufferPool(
                        config(BufferPoolConfig.MIN_FRAMES, Duration.ofSeconds(5)),
                        PageIo.of(store),
                        LogFlusher.NONE)) {
            TwoLevelDirectory tree = TwoLevelDirectory.open(pool, roots, 20);
            for (int leaf = 0; leaf < BufferPoolConfig.MIN_FRAMES - 1; leaf++) {
                assertThat(tree.readCounter(leaf)).isEqualTo(1);
            }
            assertThat(pool.stats().freeFrames())
                    .as("the root and seven leaves fill the pool")
                    .isZero();
            List<Integer> latched = new ArrayList<>();
            for (int leaf = 0; leaf < 2; leaf++) {
                int frame = tree.lockLeafExclusive(leaf);
                pool.frames().unlockExclusive(frame);
                pool.frames().lockShared(frame);
                latched.add(frame);
                assertThat(pool.evictor().tryCool(frame))
                        .as("leaf %d cooled", leaf)
                        .isTrue();
            }
            assertThat(pool.stats().coolingFrames()).isEqualTo(2);

            assertThat(tree.readCounter(10)).as("a fault needs a frame").isEqualTo(1);

            assertThat(pool.stats().evictions()).isEqualTo(1);
            for (int frame : latched) {
                pool.frames().unlockShared(frame);
            }
            assertThat(tree.readCounter(0)).isEqualTo(1);
            assertThat(tree.readCounter(1)).isEqualTo(1);
        }
    }

    @Test
    void aWaiterGetsTheFrameThatIsFreedWhileItWaits() throws Exception {
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool pool = new BufferPool(
                        config(BufferPoolConfig.MIN_FRAMES, Duration.ofSeconds(60)),
                        PageIo.of(store),
                        LogFlusher.NONE)) {
            List<Integer> held = fillWithUnevictablePages(pool);
            AtomicReference<Object> result = new AtomicReference<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    result.set(pool.allocateFrame());
                } catch (RuntimeException e) {
                    result.set(e);
                }
            });
            int victim = held.getFirst();
            pool.frames().lockExclusive(victim);
            pool.freePage(victim);
            waiter.join(Duration.ofSeconds(30));
            assertThat(result.get()).isEqualTo(victim);
        }
    }

    @Test
    void threadsFaultingTheSamePageAtOnceReadItOnce() throws Exception {
        long[] roots = writeDirectory(4);
        AtomicInteger reads = new AtomicInteger();
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE))) {
            PageIo counting = new ForwardingPageIo(PageIo.of(store)) {
                @Override
                public void read(long pageId, MemorySegment destination) {
                    reads.incrementAndGet();
                    super.read(pageId, destination);
                }
            };
            try (BufferPool pool = new BufferPool(config(16, Duration.ofSeconds(30)), counting, LogFlusher.NONE)) {
                TwoLevelDirectory tree = TwoLevelDirectory.open(pool, roots, 4);
                int threads = 8;
                CyclicBarrier start = new CyclicBarrier(threads);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                List<Thread> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    workers.add(Thread.ofPlatform().start(() -> {
                        try {
                            start.await();
                            assertThat(tree.readCounter(2)).isEqualTo(1);
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }));
                }
                for (Thread worker : workers) {
                    worker.join();
                }
                assertThat(failure.get()).isNull();
                assertThat(reads.get()).as("the root, then the leaf once").isEqualTo(2);
                assertThat(pool.stats().misses()).isEqualTo(2);
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aCheckpointWaitingForALatchedNewPageDoesNotBlockItsRelease() throws Exception {
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool pool =
                        new BufferPool(config(16, Duration.ofSeconds(30)), PageIo.of(store), LogFlusher.NONE)) {
            int fresh = pool.newPage(
                    7, PageType.BTREE_LEAF, RedoHolds.CLOSED); // held exclusively and dirty, as during a split
            Thread checkpoint = Thread.ofPlatform().start(pool::writeDirtyPages);
            org.awaitility.Awaitility.await()
                    .until(() -> checkpoint.getState() == Thread.State.WAITING
                            || checkpoint.getState() == Thread.State.TIMED_WAITING);
            // The split gives up and frees the page: it takes the frame's write-back lock while holding the latch,
            // so the checkpoint must not hold that lock while it waits for the latch.
            pool.freePage(fresh);
            checkpoint.join();
            assertThat(pool.stats().dirtyFrames()).isZero();
        }
    }
}
