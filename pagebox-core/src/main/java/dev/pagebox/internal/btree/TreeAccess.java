/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.Frames;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * How every part of a tree reaches its nodes: the optimistic descent from the pinned root, and the restart loop
 * around it, written once. Reads, leaf writes, structure changes, level walks, cursors and the pool's
 * {@link TreeOwner} use this class; none of them needs {@link BTree}.
 *
 * <h2>Optimistic attempts</h2>
 * An operation is a sequence of attempts ({@link Attempt}), each a descent and what follows it, made without
 * latches or with try-upgrades only. An attempt that finds a stamp no longer valid returns null, and one that reads
 * an inconsistent page (an offset or length out of range, {@link OptimisticRestart} or
 * {@link IndexOutOfBoundsException}) throws; either way the next attempt starts from the root, and the restart is
 * counted. An inconsistent page under a stamp that still validates is not a race but damage or a bug, and throws
 * {@link IllegalStateException} ({@link #checkTorn}).
 */
final class TreeAccess {
    /** For {@link #retry}: no limit on the attempts. */
    static final int UNBOUNDED = -1;

    private final BufferPool pool;
    private final Frames frames;
    private final int treeId;
    private final int rootFrame;
    private final LongAdder restarts = new LongAdder();

    TreeAccess(BufferPool pool, int treeId, int rootFrame) {
        this.pool = pool;
        this.frames = pool.frames();
        this.treeId = treeId;
        this.rootFrame = rootFrame;
    }

    /** One optimistic try of an operation. */
    @FunctionalInterface
    interface Attempt<T> {
        /**
         * Tries the operation once.
         *
         * @param d the descent to use (reset by each descent)
         * @return the result, or null if a stamp no longer validated and the operation must start again
         */
        @Nullable
        T attempt(Descent d);
    }

    /**
     * Makes attempts until one returns a result.
     *
     * @param d the descent the attempts use
     * @param attempt the attempt
     * @return its first result
     */
    <T> T untilValid(Descent d, Attempt<T> attempt) {
        T result = retry(d, UNBOUNDED, attempt);
        if (result == null) {
            throw new AssertionError("unbounded attempts ended without a result");
        }
        return result;
    }

    /**
     * Makes attempts until one returns a result or {@code limit} attempts were made, counting every restart.
     *
     * @param d the descent the attempts use
     * @param limit the most attempts, or {@link #UNBOUNDED}
     * @param attempt the attempt
     * @return the first result, or null if every attempt restarted
     */
    <T> @Nullable T retry(Descent d, int limit, Attempt<T> attempt) {
        for (int tried = 0; limit == UNBOUNDED || tried < limit; tried++) {
            try {
                T result = attempt.attempt(d);
                if (result != null) {
                    return result;
                }
            } catch (OptimisticRestart | IndexOutOfBoundsException e) {
                checkTorn(d, e);
            }
            restarts.increment();
        }
        return null;
    }

    /**
     * Descends optimistically to the node at {@code level} (0 = leaf) whose range holds {@code key} (null: the last
     * node, as if the key were above every key), or to the root if the tree is lower. Returns false if a validation
     * failed (restart); {@code d} then tells which node was being read.
     */
    boolean descend(@Nullable MemorySegment key, int level, Descent d) {
        int node = rootFrame;
        long stamp = frames.optimistic(node);
        d.parent = -1;
        d.frame = node;
        d.stamp = stamp;
        while (true) {
            MemorySegment page = frames.page(node);
            if (!Node.isInner(page) || NodeLayout.level(page) <= level) {
                return frames.validate(node, stamp);
            }
            long offset = key == null ? NodeLayout.UPPER_SWIP : Node.childSwipOffset(page, key);
            int child = pool.resolve(node, stamp, offset);
            if (child == BufferPool.RESTART) {
                return false;
            }
            long childStamp = frames.optimistic(child);
            if (!frames.validate(node, stamp)) {
                return false;
            }
            d.parent = node;
            d.parentStamp = stamp;
            d.swipOffset = offset;
            node = child;
            stamp = childStamp;
            d.frame = node;
            d.stamp = stamp;
        }
    }

    /**
     * Called when an optimistic read hit an inconsistent page: fine if the page changed meanwhile (restart), a bug or
     * damage if it did not.
     */
    void checkTorn(Descent d, RuntimeException e) {
        if (frames.validate(d.frame, d.stamp)) {
            throw new IllegalStateException(
                    "inconsistent page " + frames.pageId(d.frame) + " of tree " + treeId + " read under a valid latch",
                    e);
        }
    }

    /** Optimistic restarts so far (contention and races with eviction). */
    long restarts() {
        return restarts.sum();
    }

    BufferPool pool() {
        return pool;
    }

    Frames frames() {
        return frames;
    }

    int treeId() {
        return treeId;
    }

    /** The root's frame: the root is pinned, so it never changes. */
    int rootFrame() {
        return rootFrame;
    }

    int pageSize() {
        return frames.pageSize();
    }
}
