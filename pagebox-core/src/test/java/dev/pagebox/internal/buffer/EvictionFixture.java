/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.internal.latch.HybridLatch;
import dev.pagebox.internal.mem.Words;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.swip.SwipWord;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A minimal pool for the litmus tests of the eviction protocol: an in-memory page store, a pinned parent with
 * two swips: at {@link #SWIP} a child page already cooling (its swip has the cooling bit and it is queued), so
 * a single {@link Evictor#evictOne()} evicts it unless a reader gets there first; at {@link #SIBLING_SWIP} a
 * sibling page already evicted, so resolving it reads it from the store.
 */
public class EvictionFixture {
    static final long SWIP = 64;
    static final long SIBLING_SWIP = 72;
    private static final int TREE = 1;
    private static final int PAGE_SIZE = 4096;

    protected final BufferPool pool;
    protected final int parent;
    protected final int child;
    protected final long childPageId;
    protected final long siblingPageId;

    public EvictionFixture() {
        pool = new BufferPool(
                new BufferPoolConfig(
                        BufferPoolConfig.MIN_FRAMES * PAGE_SIZE, PAGE_SIZE, 10, 5, Duration.ofSeconds(10), false),
                new MemoryPageIo(),
                LogFlusher.NONE);
        parent = pool.newPage(TREE, PageType.BTREE_INNER, RedoHolds.CLOSED);
        pool.pin(parent);
        pool.frames().unlockExclusive(parent);
        pool.frames().registerOwner(TREE, new TwoSwipOwner(parent));
        int sibling = newChild(SIBLING_SWIP);
        siblingPageId = pool.frames().pageId(sibling);
        if (!pool.evictor().tryCool(sibling) || pool.evictor().evictQueued() != sibling) {
            throw new IllegalStateException("fixture: the sibling was not evicted");
        }
        pool.releaseFrame(sibling);
        child = newChild(SWIP);
        childPageId = pool.frames().pageId(child);
        if (!pool.evictor().tryCool(child)) {
            throw new IllegalStateException("fixture: the child did not cool");
        }
    }

    /** Creates a hot child page behind {@code swip}. */
    private int newChild(long swip) {
        int frame = pool.newPage(TREE, PageType.BTREE_LEAF, RedoHolds.CLOSED);
        pool.frames().lockExclusive(parent);
        Words.setVolatile(pool.frames().page(parent), swip, SwipWord.hot(frame));
        pool.frames().unlockExclusive(parent);
        pool.frames().unlockExclusive(frame);
        return frame;
    }

    /** The swip now, for arbiters: 1 hot on the child, 2 cooling on the child, 3 evicted, 4 anything else. */
    protected int swipState() {
        long swip = Words.getVolatile(pool.frames().page(parent), SWIP);
        if (swip == SwipWord.hot(child)) {
            return 1;
        }
        if (swip == SwipWord.cooling(child)) {
            return 2;
        }
        return swip == SwipWord.evicted(childPageId) ? 3 : 4;
    }

    /** The child frame's state code ({@link FrameTable}). */
    protected int childFrameState() {
        return (int) pool.frames().state(child);
    }

    /** Releases the pool's memory (arbiters call this: jcstress creates a fixture per sample). */
    protected void close() {
        pool.close();
    }

    /** The parent has two swips; every other page is a leaf. */
    private record TwoSwipOwner(int parent) implements PageOwner {
        @Override
        public void forEachChildSwip(MemorySegment page, LongConsumer visitor) {
            if (PageHeaderLayout.typeCode(page) == PageType.BTREE_INNER.code()) {
                visitor.accept(SWIP);
                visitor.accept(SIBLING_SWIP);
            }
        }

        @Override
        public @Nullable ParentRef findParent(Frames frames, int frame) {
            long stamp = frames.tryOptimistic(parent);
            if (stamp == HybridLatch.NO_STAMP) {
                return null;
            }
            for (long offset : new long[] {SWIP, SIBLING_SWIP}) {
                long swip = Words.getAcquire(frames.page(parent), offset);
                if (SwipWord.isResident(swip) && SwipWord.frameIndex(swip) == frame && frames.validate(parent, stamp)) {
                    return new ParentRef(parent, stamp, offset);
                }
            }
            return null;
        }
    }

    /** Pages in a map: enough for a fixture whose child is written once at most. */
    private static final class MemoryPageIo implements PageIo {
        private final Map<Long, byte[]> pages = new ConcurrentHashMap<>();
        private final AtomicLong next = new AtomicLong(2);

        @Override
        public void read(long pageId, MemorySegment destination) {
            destination.copyFrom(MemorySegment.ofArray(pages.get(pageId)));
        }

        @Override
        public void write(long pageId, MemorySegment source) {
            pages.put(pageId, source.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        }

        @Override
        public long allocate(RedoHolds.Hold hold) {
            return next.getAndIncrement();
        }

        @Override
        public void free(long pageId) {
            pages.remove(pageId);
        }

        @Override
        public void sync() {}
    }
}
