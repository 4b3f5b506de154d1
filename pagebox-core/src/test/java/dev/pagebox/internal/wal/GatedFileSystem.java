/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.FileChannelFactory;
import dev.pagebox.testing.ForwardingFileChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Real files whose writes or forces on segment files ({@code wal-*.log}) block while a gate is closed, so a test
 * can hold the flusher still while writers pile up.
 */
final class GatedFileSystem implements FileChannelFactory {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition opened = lock.newCondition();
    private final AtomicInteger blocked = new AtomicInteger();
    private boolean writesClosed;
    private boolean forcesClosed;

    void closeWrites() {
        setGates(true, forcesClosed);
    }

    void closeForces() {
        setGates(writesClosed, true);
    }

    void openAll() {
        setGates(false, false);
    }

    /** How many calls are blocked at a gate right now. */
    int blocked() {
        return blocked.get();
    }

    private void setGates(boolean writes, boolean forces) {
        lock.lock();
        try {
            writesClosed = writes;
            forcesClosed = forces;
            opened.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void pass(boolean write) {
        lock.lock();
        try {
            blocked.incrementAndGet();
            while (write ? writesClosed : forcesClosed) {
                opened.awaitUninterruptibly();
            }
        } finally {
            blocked.decrementAndGet();
            lock.unlock();
        }
    }

    @Override
    public FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException {
        FileChannel real = FileChannel.open(path, options);
        return SegmentFiles.startOf(path).isPresent() ? new Gated(real) : real;
    }

    private final class Gated extends ForwardingFileChannel {
        Gated(FileChannel real) {
            super(real);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            pass(true);
            return super.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            pass(true);
            return super.write(srcs, offset, length);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            pass(true);
            return super.write(src, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            pass(false);
            super.force(metaData);
        }
    }
}
