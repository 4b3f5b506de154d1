/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CorruptPageException;
import dev.pagebox.internal.buffer.Frames;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/** Copies a leaf entry's value out of a leaf read optimistically: inline, or from its overflow pages. */
final class ValueReader {
    private final Frames frames;
    private final OverflowValues overflow;

    ValueReader(Frames frames, OverflowValues overflow) {
        this.frames = frames;
        this.overflow = overflow;
    }

    /**
     * Copies the value of slot {@code index} of the leaf {@code d} ended at.
     *
     * @return the value, or null if the leaf changed (restart)
     */
    byte @Nullable [] read(MemorySegment page, int index, Descent d) {
        int offset = Node.valueOffset(page, index);
        int length = Node.inlineValueLength(page, index);
        if (!Node.isOverflow(page, index)) {
            byte[] value = new byte[length];
            MemorySegment.copy(page, offset, MemorySegment.ofArray(value), 0, length);
            return frames.validate(d.frame, d.stamp) ? value : null;
        }
        OverflowRef ref = OverflowRef.read(page, offset);
        if (!frames.validate(d.frame, d.stamp)) {
            return null;
        }
        OptimisticRestart.check(ref.length() <= BTree.MAX_VALUE_LENGTH);
        byte[] value = new byte[(int) ref.length()];
        try {
            overflow.read(ref, MemorySegment.ofArray(value));
        } catch (CorruptPageException e) {
            if (!frames.validate(d.frame, d.stamp)) {
                return null; // the value was replaced and its pages reused while we read them
            }
            throw e;
        }
        // The pages are freed only after the leaf drops the reference, which would fail this validation.
        return frames.validate(d.frame, d.stamp) ? value : null;
    }
}
