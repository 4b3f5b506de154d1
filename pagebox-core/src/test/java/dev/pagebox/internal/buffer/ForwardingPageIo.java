/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;

/** Page I/O that forwards to another; tests override the calls they observe. */
class ForwardingPageIo implements PageIo {
    private final PageIo target;

    ForwardingPageIo(PageIo target) {
        this.target = target;
    }

    @Override
    public void read(long pageId, MemorySegment destination) {
        target.read(pageId, destination);
    }

    @Override
    public void write(long pageId, MemorySegment source) {
        target.write(pageId, source);
    }

    @Override
    public long allocate(RedoHolds.Hold hold) {
        return target.allocate(hold);
    }

    @Override
    public void free(long pageId) {
        target.free(pageId);
    }

    @Override
    public void sync() {
        target.sync();
    }
}
