/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.health;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/** A channel that forwards every call and reports failed writes and syncs to an {@link IoFailureRecorder}. */
final class RecordingFileChannel extends FileChannel {
    private final FileChannel delegate;
    private final Path file;
    private final IoFailureRecorder recorder;

    RecordingFileChannel(FileChannel delegate, Path file, IoFailureRecorder recorder) {
        this.delegate = delegate;
        this.file = file;
        this.recorder = recorder;
    }

    private IOException recorded(String operation, IOException failure) {
        recorder.record(operation, file, failure);
        return failure;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        try {
            return delegate.write(src);
        } catch (IOException e) {
            throw recorded("write", e);
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        try {
            return delegate.write(srcs, offset, length);
        } catch (IOException e) {
            throw recorded("write", e);
        }
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        try {
            return delegate.write(src, position);
        } catch (IOException e) {
            throw recorded("write", e);
        }
    }

    @Override
    public void force(boolean metaData) throws IOException {
        try {
            delegate.force(metaData);
        } catch (IOException e) {
            throw recorded("sync", e);
        }
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        try {
            delegate.truncate(size);
            return this;
        } catch (IOException e) {
            throw recorded("truncate", e);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        try {
            return delegate.transferFrom(src, position, count);
        } catch (IOException e) {
            throw recorded("write", e);
        }
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
