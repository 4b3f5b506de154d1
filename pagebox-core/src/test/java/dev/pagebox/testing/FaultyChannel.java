/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.testing;

import dev.pagebox.testing.FaultInjectingFileSystem.FileState;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import dev.pagebox.testing.FaultInjectingFileSystem.Rule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A channel of {@link FaultInjectingFileSystem}: forwards to a real channel, consulting the fault rules and
 * recording undo information first. Only positional and relative reads and writes, size, truncate and force
 * are supported; mapping and transfers are not needed by the store and throw.
 */
final class FaultyChannel extends FileChannel {
    private final FaultInjectingFileSystem system;
    private final Path file;
    private final FileChannel real;
    private final FileState state;
    private final int generation;
    private final boolean syncWrites;
    private volatile boolean killed;

    FaultyChannel(
            FaultInjectingFileSystem system,
            Path file,
            FileChannel real,
            FileState state,
            int generation,
            boolean syncWrites) {
        this.system = system;
        this.syncWrites = syncWrites;
        this.file = file;
        this.real = real;
        this.state = state;
        this.generation = generation;
    }

    void kill() throws IOException {
        killed = true;
        real.close();
    }

    private void check(Operation operation) throws IOException {
        system.runActions(operation, file);
        checkFaults(operation);
    }

    private void checkFaults(Operation operation) throws IOException {
        if (killed) {
            throw new IOException("simulated crash: channel of " + file + " is dead");
        }
        system.checkAlive(generation);
        system.maybeFail(operation, file);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        check(Operation.READ);
        return real.read(dst, position);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        check(Operation.READ);
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        check(Operation.READ);
        return real.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        check(Operation.WRITE);
        return writeAt(src, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        check(Operation.WRITE);
        synchronized (this) {
            int written = writeAt(src, real.position());
            real.position(real.position() + written);
            return written;
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    private int writeAt(ByteBuffer src, long position) throws IOException {
        int length = src.remaining();
        Rule tear = system.tearRule(file);
        if (tear != null) {
            int partial = Math.min(length, system.tornBytes(tear));
            ByteBuffer head = src.slice(src.position(), partial);
            state.beforeWrite(real, position, partial);
            while (head.hasRemaining()) {
                real.write(head, position + head.position());
            }
            src.position(src.position() + partial);
            system.fail(tear);
        }
        system.chargeWrite(length);
        if (!syncWrites) {
            state.beforeWrite(real, position, length);
        }
        int written = 0;
        while (src.hasRemaining()) {
            written += real.write(src, position + written);
        }
        return written;
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
        check(Operation.READ);
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        check(Operation.TRUNCATE);
        state.beforeTruncate(real, size);
        real.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        // Atomic with respect to crash(): a force that returned must not have its writes rolled back.
        system.runActions(Operation.FORCE, file); // outside the lock: an action may force files itself
        synchronized (system) {
            checkFaults(Operation.FORCE);
            real.force(metaData);
            state.forced();
            system.forced();
        }
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException("transferTo");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw new UnsupportedOperationException("transferFrom");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("map");
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
        system.closed(this);
        real.close();
    }
}
