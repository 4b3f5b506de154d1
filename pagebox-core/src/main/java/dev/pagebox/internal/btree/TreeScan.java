/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.buffer.Frames;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A range scan that copies a leaf's entries in batches and hands out views of the copy: the visitor sees only
 * validated bytes, and a step costs a bound comparison and the copy of its entry.
 *
 * <h2>Protocol</h2>
 * One batch is read under one optimistic stamp of one leaf, holding no latch:
 * <ol>
 *   <li>read the leaf's header (count, prefix length, lower fence offset) once;
 *   <li>for up to {@link #BATCH} slots from the start slot (down from it in reverse), copy the full key (the node's
 *       prefix, then the stored suffix) and the inline value into {@link #buffer}; stop at the scan's bound, at
 *       the leaf's end, at an overflow value (read through {@link ValueReader}, which validates the leaf itself)
 *       or when the buffer is full;
 *   <li>note where the next batch starts: the last key copied (exclusive), or, at the leaf's end, the neighbour's
 *       side of the fence (forward the upper fence with a 0x00 byte appended, inclusive: the keys above this leaf;
 *       in reverse the lower fence, inclusive: the keys of the leaf before);
 *   <li>validate the stamp. Only then is the batch visited; a failed validation, a torn offset
 *       ({@link OptimisticRestart}, {@link IndexOutOfBoundsException}) or a changed leaf discards everything the
 *       attempt copied and re-seeks from the last resume point ({@link TreeAccess#untilValid}).
 * </ol>
 * The next batch of the same leaf starts without a descent: the leaf's frame, stamp and next slot are kept, and if
 * the stamp still validates after the copy, no entry was added, moved or removed in between. Otherwise the scan
 * descends again from the last key it visited. A batch at the leaf's end descends to the neighbour through the
 * fence key. So a scan sees every entry consistently, in order, without duplicates; entries changed while it runs
 * may or may not be seen (the same guarantee as {@link TreeCursor}).
 *
 * <p>Every length read from the page is checked against the page before use, and the buffer never grows: it holds
 * half a page, more than the largest leaf entry (a key of up to an eighth of the page, an inline entry of up to a
 * quarter), so no allocation depends on an unvalidated value. Not thread-safe: one scan at a time
 * ({@link #isBusy()}).
 */
public final class TreeScan {
    /** Most entries one batch copies. */
    static final int BATCH = 16;

    private static final MemorySegment EMPTY_KEY = MemorySegment.ofArray(new byte[0]);

    private final TreeAccess access;
    private final Frames frames;
    private final ValueReader values;
    private final Descent d = new Descent();
    private final TreeAccess.Attempt<Boolean> seekAttempt = this::seekOnce;
    private final TreeAccess.Attempt<Boolean> continueAttempt = this::continueOnce;

    /** The batch: full keys, each followed by its inline value. */
    private final byte[] buffer;

    private final MemorySegment bufferSegment;
    private final ByteBuffer keyView;
    private final ByteBuffer valueView;
    private final int[] keyOffsets = new int[BATCH];
    private final int[] keyLengths = new int[BATCH];
    /** Inline value lengths; -1 for the batch's overflow value. */
    private final int[] valueLengths = new int[BATCH];

    private byte @Nullable [] overflowValue;
    private int size;

    private boolean reverse;
    private byte @Nullable [] stop;
    private boolean stopInclusive;

    /** Where the next batch starts (null with {@link #resumeLast}: the last key of the tree). */
    private byte[] resume = new byte[64];

    private int resumeLength;
    private boolean resumeInclusive;
    private boolean resumeLast;
    /** The resume point a batch being copied will set, swapped in once the batch validates. */
    private byte[] pending = new byte[64];

    private int pendingLength;
    private boolean pendingInclusive;

    /** The page of the leaf the last batch came from (the frame's memory stays put; only its stamp may change). */
    private @Nullable MemorySegment leafPage;

    private int nextSlot;
    private boolean leafEnded;
    /** The scan reached its bound or the tree's end: no batch follows. */
    private boolean finished;

    private boolean busy;
    /** See {@link #touch}. */
    private int touched;

    TreeScan(TreeAccess access, ValueReader values) {
        this.access = access;
        this.frames = access.frames();
        this.values = values;
        this.buffer = new byte[access.pageSize() / 2];
        this.bufferSegment = MemorySegment.ofArray(buffer);
        this.keyView = ByteBuffer.wrap(buffer).asReadOnlyBuffer();
        this.valueView = ByteBuffer.wrap(buffer).asReadOnlyBuffer();
    }

    /** Whether a scan is running (a visitor that scans again on the same thread needs another instance). */
    public boolean isBusy() {
        return busy;
    }

    /**
     * Visits the entries between two bounds in key order, or in reverse, until the visitor returns false.
     *
     * @param from the lower bound, null for none
     * @param fromInclusive whether an entry equal to {@code from} is visited
     * @param to the upper bound, null for none
     * @param toInclusive whether an entry equal to {@code to} is visited
     * @param reverse whether to go from the upper bound down
     * @param visitor receives each entry as two read-only views, valid only during the call
     */
    public void scan(
            byte @Nullable [] from,
            boolean fromInclusive,
            byte @Nullable [] to,
            boolean toInclusive,
            boolean reverse,
            ViewVisitor visitor) {
        if (busy) {
            throw new IllegalStateException("a scan is already running on this TreeScan");
        }
        busy = true;
        try {
            start(from, fromInclusive, to, toInclusive, reverse);
            run(visitor);
        } finally {
            stop = null;
            leafPage = null;
            overflowValue = null;
            size = 0;
            busy = false;
        }
    }

    private void start(
            byte @Nullable [] from, boolean fromInclusive, byte @Nullable [] to, boolean toInclusive, boolean reverse) {
        this.reverse = reverse;
        this.stop = reverse ? from : to;
        this.stopInclusive = reverse ? fromInclusive : toInclusive;
        this.finished = false;
        byte @Nullable [] first = reverse ? to : from;
        resumeLast = reverse && first == null;
        resumeInclusive = first == null || (reverse ? toInclusive : fromInclusive);
        if (first == null) {
            resumeLength = 0; // forward: the empty key, below every key
        } else {
            resume = ensure(resume, first.length);
            System.arraycopy(first, 0, resume, 0, first.length);
            resumeLength = first.length;
        }
    }

    private void run(ViewVisitor visitor) {
        access.untilValid(d, seekAttempt);
        while (true) {
            for (int i = 0; i < size; i++) {
                if (!visitor.visit(key(i), value(i))) {
                    return;
                }
            }
            if (finished) {
                return;
            }
            // Within the leaf: no descent while its stamp holds. Across leaves or after a change: seek.
            if (leafEnded || access.retry(d, 1, continueAttempt) == null) {
                access.untilValid(d, seekAttempt);
            }
        }
    }

    private ByteBuffer key(int i) {
        int offset = keyOffsets[i];
        keyView.limit(offset + keyLengths[i]).position(offset);
        return keyView;
    }

    private ByteBuffer value(int i) {
        int length = valueLengths[i];
        if (length < 0) {
            byte[] overflow = overflowValue;
            if (overflow == null) {
                throw new IllegalStateException("no overflow value in the batch");
            }
            return ByteBuffer.wrap(overflow).asReadOnlyBuffer();
        }
        int offset = keyOffsets[i] + keyLengths[i];
        valueView.limit(offset + length).position(offset);
        return valueView;
    }

    /** One attempt: descends to the leaf of the resume point and copies the batch that starts there. */
    private @Nullable Boolean seekOnce(Descent descent) {
        MemorySegment from = resumeLast
                ? null
                : resumeLength == 0 ? EMPTY_KEY : MemorySegment.ofArray(resume).asSlice(0, resumeLength);
        if (!access.descend(from, 0, descent)) {
            return null;
        }
        MemorySegment page = frames.page(descent.frame);
        leafPage = page;
        int start;
        if (from == null) {
            start = Node.count(page, NodeLayout.LEAF_SLOT) - 1;
        } else {
            int found = Node.search(page, from);
            boolean exact = (found & 1) != 0;
            int position = found >>> 1;
            if (reverse) {
                start = exact && resumeInclusive ? position : position - 1;
            } else {
                start = exact && !resumeInclusive ? position + 1 : position;
            }
        }
        return fill(page, start) ? Boolean.TRUE : null;
    }

    /** One attempt: the next batch of the leaf of the batch before, if it has not changed since. */
    private @Nullable Boolean continueOnce(Descent descent) {
        MemorySegment page = leafPage;
        return page != null && fill(page, nextSlot) ? Boolean.TRUE : null;
    }

    /**
     * Copies a batch from slot {@code start} of the leaf in {@link #d} on (down from it, in reverse).
     *
     * @return true if the leaf's stamp validated afterwards, false if the batch must be discarded
     */
    private boolean fill(MemorySegment page, int start) {
        int count = Node.count(page, NodeLayout.LEAF_SLOT);
        int prefix = NodeLayout.prefixLength(page);
        int lowerOffset = NodeLayout.lowerFenceOffset(page);
        long pageSize = page.byteSize();
        OptimisticRestart.check(
                prefix == 0 || (lowerOffset >= NodeLayout.SLOTS && (long) lowerOffset + prefix <= pageSize));
        int step = reverse ? -1 : 1;
        touch(page, start, count, step);
        int slotIndex = start;
        int used = 0;
        int n = 0;
        boolean bound = false;
        byte @Nullable [] overflow = null;
        while (n < BATCH && slotIndex >= 0 && slotIndex < count) {
            long slot = NodeLayout.slot(NodeLayout.LEAF_SLOT, slotIndex);
            int offset = NodeLayout.entryOffset(page, slot);
            int suffix = NodeLayout.keyLength(page, slot);
            int word = NodeLayout.valueWord(page, slot);
            boolean isOverflow = (word & NodeLayout.OVERFLOW_FLAG) != 0;
            int inline = word & ~NodeLayout.OVERFLOW_FLAG;
            OptimisticRestart.check(offset >= NodeLayout.SLOTS && (long) offset + suffix + inline <= pageSize);
            int keyLength = prefix + suffix;
            int copied = isOverflow ? suffix : suffix + inline; // the suffix, and the value that follows it
            if ((long) used + prefix + copied > buffer.length) {
                break; // full: the rest goes into the next batch
            }
            MemorySegment.copy(page, lowerOffset, bufferSegment, used, prefix);
            MemorySegment.copy(page, offset, bufferSegment, used + prefix, copied);
            if (beyondStop(used, keyLength)) {
                bound = true;
                break;
            }
            keyOffsets[n] = used;
            keyLengths[n] = keyLength;
            valueLengths[n] = isOverflow ? -1 : inline;
            used += prefix + copied;
            n++;
            slotIndex += step;
            if (isOverflow) {
                overflow = values.read(page, slotIndex - step, d);
                if (overflow == null) {
                    return false; // the leaf changed
                }
                break; // one overflow value per batch
            }
        }
        boolean ended = !bound && (slotIndex < 0 || slotIndex >= count);
        boolean last = false;
        if (!bound) {
            last = ended ? !pendFence(page) : n > 0 && pendKey(n - 1);
        }
        if (!frames.validate(d.frame, d.stamp)) {
            return false;
        }
        if (n == 0 && !bound && !ended) {
            throw new IllegalStateException("a leaf entry of page " + frames.pageId(d.frame) + " exceeds "
                    + buffer.length + " bytes under a valid latch");
        }
        size = n;
        overflowValue = overflow;
        nextSlot = slotIndex;
        leafEnded = ended;
        finished = bound || last;
        if (!finished) {
            byte[] swap = resume;
            resume = pending;
            pending = swap;
            resumeLength = pendingLength;
            resumeInclusive = pendingInclusive;
            resumeLast = false;
        }
        return true;
    }

    /**
     * Loads the first and last byte of the batch's entries before copying them. A leaf's entries lie in its heap in
     * the order they were written, not in key order, so on a leaf not in the cache every entry is a miss of its
     * own; loads issued back to back, with nothing depending on them, let the processor wait for those misses
     * together rather than one copy at a time. The sum is kept only so that the loads are not dropped.
     */
    private void touch(MemorySegment page, int start, int count, int step) {
        long pageSize = page.byteSize();
        int sum = 0;
        for (int i = start, n = 0; n < BATCH && i >= 0 && i < count; i += step, n++) {
            long slot = NodeLayout.slot(NodeLayout.LEAF_SLOT, i);
            int offset = NodeLayout.entryOffset(page, slot);
            int end = offset
                    + NodeLayout.keyLength(page, slot)
                    + (NodeLayout.valueWord(page, slot) & ~NodeLayout.OVERFLOW_FLAG)
                    - 1;
            if (offset < end && end < pageSize) {
                sum += NodeLayout.byteAt(page, offset) + NodeLayout.byteAt(page, end);
            }
        }
        touched += sum;
    }

    /** Whether the key copied at {@code offset} lies past the scan's far bound. */
    private boolean beyondStop(int offset, int length) {
        byte @Nullable [] bound = stop;
        if (bound == null) {
            return false;
        }
        int cmp = Arrays.compareUnsigned(buffer, offset, offset + length, bound, 0, bound.length);
        if (reverse) {
            cmp = -cmp;
        }
        return cmp > 0 || (cmp == 0 && !stopInclusive);
    }

    /** Sets the pending resume point after batch entry {@code i}'s key (exclusive); false: never the last. */
    private boolean pendKey(int i) {
        int length = keyLengths[i];
        pending = ensure(pending, length);
        System.arraycopy(buffer, keyOffsets[i], pending, 0, length);
        pendingLength = length;
        pendingInclusive = false;
        return false;
    }

    /**
     * Sets the pending resume point to the neighbour leaf's side of the fence in the scan's direction.
     *
     * @return false if that fence is infinite (the tree ends here)
     */
    private boolean pendFence(MemorySegment page) {
        int flags = NodeLayout.flags(page);
        if ((flags & (reverse ? NodeLayout.LOWER_INFINITE : NodeLayout.UPPER_INFINITE)) != 0) {
            return false;
        }
        int offset = reverse ? NodeLayout.lowerFenceOffset(page) : NodeLayout.upperFenceOffset(page);
        int length = reverse ? NodeLayout.lowerFenceLength(page) : NodeLayout.upperFenceLength(page);
        OptimisticRestart.check(offset >= NodeLayout.SLOTS && (long) offset + length <= page.byteSize());
        int total = reverse ? length : length + 1; // forward: keys >= upper + 0x00 are the keys above the leaf
        pending = ensure(pending, total);
        MemorySegment.copy(page, offset, MemorySegment.ofArray(pending), 0, length);
        if (!reverse) {
            pending[length] = 0;
        }
        pendingLength = total;
        pendingInclusive = true;
        return true;
    }

    /** The array, or a larger one (its length bounded by a page, so checked data never asks for more). */
    private static byte[] ensure(byte[] array, int length) {
        return array.length >= length ? array : new byte[Math.max(length, array.length * 2)];
    }
}
