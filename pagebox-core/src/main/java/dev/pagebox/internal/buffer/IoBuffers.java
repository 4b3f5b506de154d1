/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A fixed set of page-sized, page-aligned buffers for write-back copies (pages are written from private copies
 * so that writers are never blocked by I/O). Fixed, not per thread: thousands of virtual threads must not
 * mean thousands of buffers.
 */
final class IoBuffers {
    private final ArrayBlockingQueue<MemorySegment> buffers;

    IoBuffers(MemorySegment memory, int pageSize) {
        int count = (int) (memory.byteSize() / pageSize);
        this.buffers = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            buffers.add(memory.asSlice((long) i * pageSize, pageSize));
        }
    }

    MemorySegment take() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return buffers.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void give(MemorySegment buffer) {
        buffers.add(buffer);
    }
}
