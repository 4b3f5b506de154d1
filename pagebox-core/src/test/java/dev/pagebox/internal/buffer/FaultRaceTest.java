/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CorruptPageException;
import dev.pagebox.internal.mem.Words;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.PageStoreConfig;
import dev.pagebox.internal.swip.SwipWord;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page read from disk racing a change of its parent: each test holds one read at the moment that matters
 * (after the bytes were read, before they are installed) and makes the race happen meanwhile.
 */
@Timeout(60)
class FaultRaceTest {
    private static final int PAGE_SIZE = 4096;
    private static final int LEAVES = 4;

    @TempDir
    Path directory;

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private PageStore store;
    private ScriptedReads reads;
    private BufferPool pool;
    private TwoLevelDirectory tree;
    private int root;

    @BeforeEach
    void openPoolOverLeavesOnDisk() {
        long[] roots;
        try (PageStore writer = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool first = new BufferPool(config(), PageIo.of(writer), LogFlusher.NONE)) {
            TwoLevelDirectory created = TwoLevelDirectory.create(first, 1, LEAVES);
            for (int leaf = 0; leaf < LEAVES; leaf++) {
                created.increment(leaf, 1);
            }
            first.writeDirtyPages();
            roots = created.rootPageIds();
        }
        store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
        reads = new ScriptedReads(PageIo.of(store));
        pool = new BufferPool(config(), reads, LogFlusher.NONE);
        tree = TwoLevelDirectory.open(pool, roots, LEAVES);
        root = pool.fixPinned(roots[0]);
    }

    @AfterEach
    void close() throws InterruptedException {
        background.shutdownNow();
        assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        pool.close();
        store.close();
    }

    private static BufferPoolConfig config() {
        return new BufferPoolConfig(16L * PAGE_SIZE, PAGE_SIZE, 10, 5, Duration.ofSeconds(30), false);
    }

    /** Leaves were allocated right after their root, in slot order. */
    private long pageIdOfLeaf(int leaf) {
        return pool.frames().pageId(root) + 1 + leaf;
    }

    /** Evicts a resident leaf through the cooling stage; the parent's version is bumped on the way. */
    private void evict(int leaf) {
        int frame = tree.lockLeafExclusive(leaf);
        pool.frames().unlockExclusive(frame);
        assertThat(pool.evictor().tryCool(frame)).isTrue();
        assertThat(pool.evictor().evictQueued()).isEqualTo(frame);
    }

    @Test
    void aReadIsInstalledWhenASiblingsEvictionChangedTheParentMeanwhile() throws Exception {
        tree.readCounter(1);
        CountDownLatch release = reads.holdNextReadOf(pageIdOfLeaf(0));
        Future<Long> reader = background.submit(() -> tree.readCounter(0));
        reads.awaitHeld();

        evict(1);
        release.countDown();

        assertThat(reader.get()).isEqualTo(1);
        assertThat(reads.readsOf(pageIdOfLeaf(0))).as("leaf 0 is read once").isEqualTo(1);
        assertThat(pool.stats().discardedLoads()).isZero();
    }

    @Test
    void aReadIsInstalledWhereItsSwipMovedWithinTheParentMeanwhile() throws Exception {
        CountDownLatch release = reads.holdNextReadOf(pageIdOfLeaf(0));
        Future<Long> reader = background.submit(() -> tree.readCounter(0));
        reads.awaitHeld();

        // Swap the swips of leaves 0 and 1, as a node that shifts its entries would move them.
        long slot0 = TwoLevelDirectory.slotOffset(0);
        long slot1 = TwoLevelDirectory.slotOffset(1);
        pool.frames().lockExclusive(root);
        MemorySegment page = pool.frames().page(root);
        long swip0 = Words.getVolatile(page, slot0);
        Words.setVolatile(page, slot0, Words.getVolatile(page, slot1));
        Words.setVolatile(page, slot1, swip0);
        pool.frames().unlockExclusive(root);
        release.countDown();

        assertThat(reader.get())
                .as("leaf 0 moved, so the directory reads slot 0's new leaf")
                .isEqualTo(1);
        long installed = Words.getVolatile(page, slot1);
        assertThat(SwipWord.isHot(installed))
                .as("the read landed in the swip's new place")
                .isTrue();
        assertThat(pool.frames().pageId((int) SwipWord.frameIndex(installed))).isEqualTo(pageIdOfLeaf(0));
        assertThat(reads.readsOf(pageIdOfLeaf(0))).isEqualTo(1);
    }

    @Test
    void aReadThatPrecedesTheWriteBackOfAnEvictionIsNotInstalled() throws Exception {
        long stamp = pool.frames().optimistic(root); // a reader sees leaf 0 evicted ...
        assertThat(tree.increment(0, 2)).isEqualTo(2); // ... but a writer faults it in and changes it first
        CountDownLatch release = reads.holdNextReadOf(pageIdOfLeaf(0));
        Future<Integer> late =
                background.submit(() -> pool.fault(root, stamp, TwoLevelDirectory.slotOffset(0), pageIdOfLeaf(0)));
        reads.awaitHeld(); // the late reader holds counter 1

        evict(0); // writes counter 2; the swip names the page id again
        release.countDown();

        assertThat(late.get()).isEqualTo(BufferPool.RESTART);
        assertThat(pool.stats().discardedLoads()).isEqualTo(1);
        assertThat(tree.readCounter(0)).as("the write-back, not the late read").isEqualTo(2);
    }

    @Test
    void aTornReadOfAPageThatIsResidentRestartsInsteadOfReportingCorruption() {
        long stamp = pool.frames().optimistic(root); // a reader sees leaf 0 evicted ...
        assertThat(tree.readCounter(0)).isEqualTo(1); // ... another faults it in ...
        reads.tearNextReadOf(pageIdOfLeaf(0)); // ... and a write-back tears the late read
        int free = pool.stats().freeFrames();

        assertThat(pool.fault(root, stamp, TwoLevelDirectory.slotOffset(0), pageIdOfLeaf(0)))
                .isEqualTo(BufferPool.RESTART);
        assertThat(pool.stats().freeFrames()).as("the frame goes back").isEqualTo(free);

        evict(0);
        reads.tearNextReadOf(pageIdOfLeaf(0));
        assertThatThrownBy(() -> tree.readCounter(0))
                .as("a page that stayed evicted is damaged")
                .isInstanceOf(CorruptPageException.class);
    }

    /** Page reads that can be held after reading, or fail as a torn page would, one page id at a time. */
    private static final class ScriptedReads extends ForwardingPageIo {
        private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final CountDownLatch held = new CountDownLatch(1);
        private volatile long holdPageId = -1;
        private volatile long tearPageId = -1;
        private volatile CountDownLatch release = new CountDownLatch(0);

        ScriptedReads(PageIo target) {
            super(target);
        }

        CountDownLatch holdNextReadOf(long pageId) {
            release = new CountDownLatch(1);
            holdPageId = pageId;
            return release;
        }

        void tearNextReadOf(long pageId) {
            tearPageId = pageId;
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the read was held").isTrue();
        }

        int readsOf(long pageId) {
            AtomicInteger count = counts.get(pageId);
            return count == null ? 0 : count.get();
        }

        @Override
        public void read(long pageId, MemorySegment destination) {
            counts.computeIfAbsent(pageId, id -> new AtomicInteger()).incrementAndGet();
            if (pageId == tearPageId) {
                tearPageId = -1;
                throw new CorruptPageException(pageId, "checksum mismatch (scripted torn read)");
            }
            super.read(pageId, destination);
            if (pageId == holdPageId) {
                holdPageId = -1;
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
