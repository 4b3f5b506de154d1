/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.jcstress;

import dev.pagebox.internal.latch.HybridLatch;
import dev.pagebox.internal.latch.LatchParking;
import dev.pagebox.internal.mem.Words;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The jcstress state shared by the litmus tests: a latch word and two data words {@code x} and {@code y} in one
 * native segment, like a frame's latch and the page it guards. Data words use plain access, as page contents
 * do; only the latch word goes through {@link Words}.
 */
class LatchedCell {
    /** One parking table for all cells of a fork: waiters on different cells share stripes, as in a store. */
    static final LatchParking PARKING = new LatchParking();

    static final long LATCH = 0;
    private static final long X = 8;
    private static final long Y = 16;

    /** jcstress creates many states per iteration; the automatic arena lets the GC free their memory. */
    final MemorySegment segment = Arena.ofAuto().allocate(24, 8);

    final long x() {
        return segment.get(ValueLayout.JAVA_LONG, X);
    }

    final long y() {
        return segment.get(ValueLayout.JAVA_LONG, Y);
    }

    final void setX(long value) {
        segment.set(ValueLayout.JAVA_LONG, X, value);
    }

    final void setY(long value) {
        segment.set(ValueLayout.JAVA_LONG, Y, value);
    }

    final long word() {
        return Words.getVolatile(segment, LATCH);
    }

    /** The latch word above the version (X, W and the shared count): zero when nothing is held or waiting. */
    final int flags() {
        return (int) (word() >>> 48);
    }

    final long version() {
        return HybridLatch.version(word());
    }
}
