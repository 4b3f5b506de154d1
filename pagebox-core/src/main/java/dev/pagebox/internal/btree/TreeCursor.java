/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.buffer.Frames;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A position in a {@link BTree}: seek, step forward and backward, read the current entry. A cursor holds no
 * latch between calls, so a slow consumer never blocks writers or eviction: it remembers the leaf's frame, the
 * leaf's optimistic stamp and the slot, and steps within the leaf while the stamp validates; otherwise it
 * re-seeks from its current key. It always sees a consistent entry, not a snapshot of the whole tree: entries
 * added or removed while it moves may or may not be seen. Not thread-safe.
 *
 * <p>{@link #key()} and {@link #value()} are read-only views of the cursor's own buffers, valid until the cursor
 * moves; they are copied from the page once per step, so reading them costs no allocation.
 */
public final class TreeCursor {
    private final TreeAccess access;
    private final Frames frames;
    private final ValueReader values;
    private final Descent d = new Descent();
    private final TreeAccess.Attempt<Boolean> seek = this::seekOnce;
    /** Where the seek in progress goes on from after a restart or a step to the neighbour leaf (null: the end). */
    private @Nullable MemorySegment seekFrom;

    private boolean seekIncluding;
    private boolean seekReverse;
    private byte[] key = new byte[64];
    private byte[] spareKey = new byte[64];
    private int keyLength;
    private byte[] value = new byte[256];
    private int valueLength;
    private boolean positioned;
    private int leafFrame;
    private long leafStamp;
    private int index;
    private final ArrayView[] keyViews = {new ArrayView(key), new ArrayView(spareKey)};
    private ArrayView valueView = new ArrayView(value);

    TreeCursor(TreeAccess access, ValueReader values) {
        this.access = access;
        this.frames = access.frames();
        this.values = values;
    }

    /**
     * A new batch scanner over the same tree ({@link TreeScan}): the fast path for a range visited once, which a
     * caller keeps and reuses for its scans, one at a time.
     */
    public TreeScan newScan() {
        return new TreeScan(access, values);
    }

    /** Moves to the first entry; false if the tree is empty. */
    public boolean first() {
        return seekForward(MemorySegment.ofArray(new byte[0]), true);
    }

    /** Moves to the last entry; false if the tree is empty. */
    public boolean last() {
        return seekBackward(null, true);
    }

    /** Moves to the first entry with a key {@code >= target}; false if there is none. */
    public boolean seek(byte[] target) {
        return seekForward(MemorySegment.ofArray(target), true);
    }

    /** Moves to the first entry with a key {@code > target}; false if there is none. */
    public boolean seekAfter(byte[] target) {
        return seekForward(MemorySegment.ofArray(target), false);
    }

    /** Moves to the last entry with a key {@code <= target}; false if there is none. */
    public boolean seekForPrev(byte[] target) {
        return seekBackward(MemorySegment.ofArray(target), true);
    }

    /** Moves to the last entry with a key {@code < target}; false if there is none. */
    public boolean seekBefore(byte[] target) {
        return seekBackward(MemorySegment.ofArray(target), false);
    }

    /** Moves to the next entry; false (and unpositioned) at the end. */
    public boolean next() {
        checkPositioned();
        if (stepWithinLeaf(1)) {
            return true;
        }
        return seekForward(MemorySegment.ofArray(keyBytes()), false); // a copy: a successful load swaps buffers
    }

    /** Moves to the previous entry; false (and unpositioned) at the start. */
    public boolean previous() {
        checkPositioned();
        if (stepWithinLeaf(-1)) {
            return true;
        }
        return seekBackward(MemorySegment.ofArray(keyBytes()), false);
    }

    /** Whether the cursor is on an entry. */
    public boolean isPositioned() {
        return positioned;
    }

    /** The current key, read-only, valid until the cursor moves. */
    public MemorySegment key() {
        checkPositioned();
        return currentKey().asReadOnly();
    }

    /** The current value, read-only, valid until the cursor moves. */
    public MemorySegment value() {
        checkPositioned();
        return MemorySegment.ofArray(value).asSlice(0, valueLength).asReadOnly();
    }

    /**
     * The current key as a read-only buffer over the cursor's own array (position 0, limit the length), valid
     * until the cursor moves. Allocates nothing in the steady state.
     */
    public ByteBuffer keyBuffer() {
        checkPositioned();
        ByteBuffer view = keyViews[0].array == key ? keyViews[0].view : keyViews[1].view;
        if (keyViews[0].array != key && keyViews[1].array != key) {
            keyViews[1] = keyViews[0]; // the key alternates between two arrays; keep a view of each
            keyViews[0] = new ArrayView(key);
            view = keyViews[0].view;
        }
        return view.clear().limit(keyLength);
    }

    /** The current value as a read-only buffer over the cursor's own array, valid until the cursor moves. */
    public ByteBuffer valueBuffer() {
        checkPositioned();
        if (valueView.array != value) {
            valueView = new ArrayView(value);
        }
        return valueView.view.clear().limit(valueLength);
    }

    /** A read-only buffer over an array, made once per array. */
    private record ArrayView(byte[] array, ByteBuffer view) {
        ArrayView(byte[] array) {
            this(array, ByteBuffer.wrap(array).asReadOnlyBuffer());
        }
    }

    /** A copy of the current key. */
    public byte[] keyBytes() {
        checkPositioned();
        return Arrays.copyOf(key, keyLength);
    }

    /** A copy of the current value. */
    public byte[] valueBytes() {
        checkPositioned();
        return Arrays.copyOf(value, valueLength);
    }

    private MemorySegment currentKey() {
        return MemorySegment.ofArray(key).asSlice(0, keyLength);
    }

    private void checkPositioned() {
        if (!positioned) {
            throw new NoSuchElementException("the cursor is not on an entry");
        }
    }

    /** Steps to slot {@code index + delta} of the remembered leaf if it is unchanged. */
    private boolean stepWithinLeaf(int delta) {
        try {
            if (!frames.validate(leafFrame, leafStamp)) {
                return false;
            }
            MemorySegment page = frames.page(leafFrame);
            int target = index + delta;
            if (target < 0 || target >= Node.count(page, NodeLayout.LEAF_SLOT)) {
                return false;
            }
            d.frame = leafFrame;
            d.stamp = leafStamp;
            return load(page, target);
        } catch (OptimisticRestart | IndexOutOfBoundsException e) {
            return false; // re-seek
        }
    }

    private boolean seekForward(MemorySegment target, boolean inclusive) {
        return seek(target, inclusive, false);
    }

    private boolean seekBackward(@Nullable MemorySegment target, boolean inclusive) {
        return seek(target, inclusive, true);
    }

    private boolean seek(@Nullable MemorySegment target, boolean inclusive, boolean reverse) {
        seekFrom = target;
        seekIncluding = inclusive;
        seekReverse = reverse;
        return access.untilValid(d, seek);
    }

    /**
     * One attempt of a seek: descends to the leaf holding {@link #seekFrom} and loads the first entry at or after it
     * (before it, in reverse); when that leaf has none, goes on to the neighbour leaf without restarting.
     *
     * @return true if positioned, false at the end of the tree, null to restart
     */
    private @Nullable Boolean seekOnce(Descent descent) {
        while (true) {
            MemorySegment from = seekFrom;
            if (!access.descend(from, 0, descent)) {
                return null;
            }
            MemorySegment page = frames.page(descent.frame);
            int count = Node.count(page, NodeLayout.LEAF_SLOT);
            int position = seekReverse ? positionBackward(page, from, count) : positionForward(page, from);
            if (seekReverse ? position >= 0 : position < count) {
                return load(page, position) ? Boolean.TRUE : null;
            }
            byte @Nullable [] fence = seekReverse ? Node.lowerFence(page) : Node.upperFence(page);
            if (!frames.validate(descent.frame, descent.stamp)) {
                return null;
            }
            if (fence == null) {
                positioned = false;
                return Boolean.FALSE;
            }
            // Forward, keys >= upper + 0x00 are exactly the keys above this leaf's range; in reverse, the leaf before
            // this one holds the keys <= its lower fence.
            seekFrom = MemorySegment.ofArray(seekReverse ? fence : Arrays.copyOf(fence, fence.length + 1));
            seekIncluding = true;
        }
    }

    /** The first slot at or after (after, unless including) the key a forward seek goes from. */
    private int positionForward(MemorySegment page, @Nullable MemorySegment from) {
        int found = Node.search(page, Objects.requireNonNull(from));
        return (found >>> 1) + ((found & 1) != 0 && !seekIncluding ? 1 : 0);
    }

    /** The last slot at or before (before, unless including) the key a backward seek goes from; -1 if none. */
    private int positionBackward(MemorySegment page, @Nullable MemorySegment from, int count) {
        if (from == null) {
            return count - 1;
        }
        int found = Node.search(page, from);
        return (found & 1) != 0 && seekIncluding ? found >>> 1 : (found >>> 1) - 1;
    }

    /** Copies slot {@code position} of the leaf in {@code d}; false if the leaf changed meanwhile. */
    private boolean load(MemorySegment page, int position) {
        int length = Node.keyLength(page, position);
        OptimisticRestart.check(length <= page.byteSize());
        // Into the spare buffer: if the leaf changed meanwhile, the current key must survive to re-seek from.
        if (spareKey.length < length) {
            spareKey = new byte[Math.max(length, spareKey.length * 2)];
        }
        Node.copyKey(page, position, MemorySegment.ofArray(spareKey));
        byte @Nullable [] overflowValue = null;
        int inlineLength = Node.inlineValueLength(page, position);
        if (Node.isOverflow(page, position)) {
            overflowValue = values.read(page, position, d);
            if (overflowValue == null) {
                return false;
            }
        } else {
            int offset = Node.valueOffset(page, position);
            if (value.length < inlineLength) {
                value = new byte[Math.max(inlineLength, value.length * 2)];
            }
            MemorySegment.copy(page, offset, MemorySegment.ofArray(value), 0, inlineLength);
        }
        if (!frames.validate(d.frame, d.stamp)) {
            return false;
        }
        if (overflowValue != null) {
            value = overflowValue;
            valueLength = overflowValue.length;
        } else {
            valueLength = inlineLength;
        }
        byte[] loaded = spareKey;
        spareKey = key;
        key = loaded;
        keyLength = length;
        leafFrame = d.frame;
        leafStamp = d.stamp;
        index = position;
        positioned = true;
        return true;
    }
}
