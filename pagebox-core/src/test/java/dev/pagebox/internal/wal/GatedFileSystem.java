/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.FileChannelFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
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

    private final class Gated extends FileChannel {
        private final FileChannel real;

        Gated(FileChannel real) {
            this.real = real;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            pass(true);
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            pass(true);
            return real.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            pass(false);
            real.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            pass(true);
            return real.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
