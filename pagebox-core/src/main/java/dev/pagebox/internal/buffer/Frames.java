/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.internal.latch.HybridLatch;
import dev.pagebox.internal.latch.LatchParking;
import dev.pagebox.internal.mem.PoolMemory;
import dev.pagebox.internal.mem.Words;
import dev.pagebox.internal.nativeio.NativeIo;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.swip.SwipWord;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The pool's frames and what is known about each (Neo4j's {@code PageList} plays this part for its page cache):
 * the frame memory, one reservation of {@code frameCount * pageSize} bytes; the per-frame metadata
 * ({@link FrameTable}: latch word, page id, state, dirty flag); the latch operations on a frame; and the registry of
 * page owners, which say where a page's child swips are. Everything that works on frames by index (the pool's
 * resolve and fault paths, the {@link Evictor}, the {@link PageProvider}, {@link WriteBack}, and every
 * {@link PageOwner}) goes through this class; none of them needs the {@link BufferPool}.
 *
 * <p>Memory: the frames, the metadata table and the write-back buffers come from the pool's own
 * {@link PoolMemory} (one shared {@code Arena}), released by {@link #close()}. A frame's page is valid while the
 * caller holds the frame latched, and must be validated when read optimistically: a frame is reused for other pages,
 * and its latch version, which only grows, is what tells a reader that it was.
 */
public final class Frames implements AutoCloseable {
    private static final int SHARED_LATCH_ATTEMPTS = 64;

    private final int pageSize;
    private final int frameCount;
    private final PoolMemory memory;
    private final MemorySegment frames;
    private final FrameTable table;
    private final LatchParking parking = new LatchParking();
    private final Map<Integer, PageOwner> owners = new ConcurrentHashMap<>();

    /**
     * Reserves the frames (address space only: memory is committed as pages are first used) and the metadata.
     *
     * @param frameCount the number of frames
     * @param pageSize the bytes of a frame
     */
    Frames(int frameCount, int pageSize) {
        this.pageSize = pageSize;
        this.frameCount = frameCount;
        this.memory = new PoolMemory(NativeIo.system());
        this.frames = memory.reserve((long) frameCount * pageSize);
        memory.adviseDontFork(frames);
        this.table = new FrameTable(memory.allocate(FrameTable.bytesFor(frameCount), FrameTable.STRIDE));
    }

    /** The page size. */
    public int pageSize() {
        return pageSize;
    }

    /** The number of frames. */
    public int frameCount() {
        return frameCount;
    }

    /**
     * The memory of a frame's page. Valid while the caller holds the frame latched, or to be validated when it reads
     * optimistically.
     *
     * @param frame the frame
     * @return its page
     */
    public MemorySegment page(int frame) {
        return frames.asSlice((long) frame * pageSize, pageSize);
    }

    /** The page id of a frame's page (stable while the frame is reachable). */
    public long pageId(int frame) {
        return table.pageId(frame);
    }

    /** Starts an optimistic read of a frame, waiting while it is held exclusively. */
    public long optimistic(int frame) {
        return HybridLatch.awaitOptimisticRead(table.segment(), table.latchOffset(frame), parking);
    }

    /**
     * Starts an optimistic read of a frame without waiting: for eviction and parent lookups, which must never block
     * on a latch (their caller may hold latches themselves).
     *
     * @return the stamp, or {@link HybridLatch#NO_STAMP} if the frame is held exclusively
     */
    public long tryOptimistic(int frame) {
        return HybridLatch.tryOptimisticRead(table.segment(), table.latchOffset(frame));
    }

    /** Validates an optimistic read of a frame. */
    public boolean validate(int frame, long stamp) {
        return HybridLatch.validate(table.segment(), table.latchOffset(frame), stamp);
    }

    /** Upgrades a still-valid optimistic read of a frame to its exclusive latch. */
    public boolean tryUpgrade(int frame, long stamp) {
        return HybridLatch.tryUpgradeToExclusive(table.segment(), table.latchOffset(frame), stamp);
    }

    /** Latches a frame exclusively, waiting as needed. */
    public void lockExclusive(int frame) {
        HybridLatch.lockExclusive(table.segment(), table.latchOffset(frame), parking);
    }

    /** Latches a frame exclusively if it is free right now. */
    public boolean tryLockExclusive(int frame) {
        return HybridLatch.tryLockExclusive(table.segment(), table.latchOffset(frame));
    }

    /** Releases a frame's exclusive latch, failing every optimistic reader that overlapped it. */
    public void unlockExclusive(int frame) {
        HybridLatch.unlockExclusive(table.segment(), table.latchOffset(frame), parking);
    }

    /** Latches a frame shared, waiting as needed. */
    public void lockShared(int frame) {
        HybridLatch.lockShared(table.segment(), table.latchOffset(frame), parking);
    }

    /** Latches a frame shared if no one holds it exclusively right now. */
    boolean tryLockShared(int frame) {
        return HybridLatch.tryLockShared(table.segment(), table.latchOffset(frame));
    }

    /** Tries the shared latch a few times: the caller may hold latches, so it must never wait for one. */
    boolean tryLockSharedBriefly(int frame) {
        for (int attempt = 0; attempt < SHARED_LATCH_ATTEMPTS; attempt++) {
            if (tryLockShared(frame)) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** Releases a frame's shared latch. */
    public void unlockShared(int frame) {
        HybridLatch.unlockShared(table.segment(), table.latchOffset(frame), parking);
    }

    /**
     * Latches a parent shared for a swip change and checks that it is unchanged since the caller's stamp (see the
     * swip protocol in {@link BufferPool}); with {@link BufferPool#PARENT_LATCHED} the caller holds it already.
     *
     * @return false if the caller must restart
     */
    boolean enterParent(int parent, long stamp) {
        if (stamp == BufferPool.PARENT_LATCHED) {
            return true;
        }
        if (!tryLockShared(parent)) {
            return false;
        }
        if (!validate(parent, stamp)) {
            unlockShared(parent);
            return false;
        }
        return true;
    }

    /** Leaves what {@link #enterParent} entered. */
    void exitParent(int parent, long stamp) {
        if (stamp != BufferPool.PARENT_LATCHED) {
            unlockShared(parent);
        }
    }

    /**
     * Records that the caller changed the page in a frame it holds exclusively.
     *
     * @param frame the frame
     */
    public void markDirty(int frame) {
        table.markDirty(frame);
    }

    /**
     * Registers the data structure that owns pages with a tree id.
     *
     * @param treeId the id in the pages' headers
     * @param owner how to find their children and parents
     */
    public void registerOwner(int treeId, PageOwner owner) {
        owners.put(treeId, owner);
    }

    /** Forgets the owner of a tree id (its pages are being discarded). */
    void unregisterOwner(int treeId) {
        owners.remove(treeId);
    }

    /** The owner of the pages with a tree id, or null. */
    @Nullable
    PageOwner owner(int treeId) {
        return owners.get(treeId);
    }

    /**
     * Copies the page of a frame the caller holds latched into {@code target} in its on-disk form: every resident
     * child swip (a frame index) replaced by the child's page id, as {@link SwipWord#evicted}. The one place that
     * makes that form: write-back writes it, and a logged page image is it. Children cannot leave meanwhile, since
     * evicting one needs its parent latched exclusively.
     *
     * @param frame a frame latched shared or exclusively
     * @param target one page of memory, private to the caller (it need not be aligned)
     */
    public void copyInDiskForm(int frame, MemorySegment target) {
        MemorySegment page = page(frame);
        MemorySegment.copy(page, 0, target, 0, pageSize);
        PageOwner owner = owners.get(PageHeaderLayout.treeId(page));
        if (owner == null) {
            return;
        }
        // The swips are read in the live page, which is aligned and latched; the copy is written with plain access,
        // since a logged image sits at any offset of a log record, where the atomic accessors of Words cannot go.
        // Swips are native-order words, as Words reads them.
        ByteBuffer copy = target.asByteBuffer().order(ByteOrder.nativeOrder());
        owner.forEachChildSwip(page, offset -> {
            long swip = Words.getAcquire(page, offset);
            if (SwipWord.isResident(swip)) {
                copy.putLong((int) offset, SwipWord.evicted(table.pageId((int) SwipWord.frameIndex(swip))));
            }
        });
    }

    /** The metadata table, for the pool's own classes. */
    FrameTable table() {
        return table;
    }

    /** The state of a frame ({@link FrameTable}'s codes). */
    long state(int frame) {
        return table.state(frame);
    }

    /** Takes committed memory from the pool's arena (the write-back buffers). */
    MemorySegment allocate(long bytes, long alignment) {
        return memory.allocate(bytes, alignment);
    }

    /** Describes a frame for diagnostics. */
    public String describeFrame(int frame) {
        return "frame " + frame + " page " + table.pageId(frame) + " " + FrameTable.stateName(table.state(frame))
                + (table.isDirty(frame) ? " dirty" : "") + " latch "
                + HybridLatch.describe(Words.getVolatile(table.segment(), table.latchOffset(frame)));
    }

    /** Counts the frames by state and those latched exclusively right now, for diagnostics. */
    String census() {
        int[] states = new int[5];
        int latched = 0;
        for (int frame = 0; frame < frameCount; frame++) {
            states[(int) table.state(frame)]++;
            if (tryOptimistic(frame) == HybridLatch.NO_STAMP) {
                latched++;
            }
        }
        return "free " + states[(int) FrameTable.FREE] + ", loading " + states[(int) FrameTable.LOADING] + ", hot "
                + states[(int) FrameTable.HOT] + ", cooling " + states[(int) FrameTable.COOLING] + ", pinned "
                + states[(int) FrameTable.PINNED] + ", latched exclusively " + latched;
    }

    /** Makes a frame that no swip or table reaches free for reuse: clean, state {@link FrameTable#FREE}. */
    void clearForReuse(int frame) {
        table.clearDirty(frame);
        table.setState(frame, FrameTable.FREE);
    }

    /** Releases the frame memory; later accesses to it throw instead of touching unmapped memory. */
    @Override
    public void close() {
        memory.close();
    }
}
