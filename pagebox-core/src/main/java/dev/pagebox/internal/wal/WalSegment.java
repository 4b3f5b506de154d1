/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A segment file open for writing by the flusher: log positions {@code [start, start + size)} live at file
 * offsets {@code [0, size)}. Only the flusher thread uses an instance, so the channel's position is its own.
 */
final class WalSegment implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WalSegment.class.getName());

    private final long start;
    private final long size;
    private final Path path;
    private final FileChannel channel;
    private final boolean fresh;
    private boolean dirty;

    WalSegment(long start, long size, Path path, FileChannel channel, boolean fresh) {
        this.start = start;
        this.size = size;
        this.path = path;
        this.channel = channel;
        this.fresh = fresh;
    }

    long start() {
        return start;
    }

    long end() {
        return start + size;
    }

    Path path() {
        return path;
    }

    /** Whether the file was zero-filled before this segment started in it. */
    boolean fresh() {
        return fresh;
    }

    /** Whether bytes were written since the last {@link #force}. */
    boolean dirty() {
        return dirty;
    }

    /**
     * Writes the buffers back to back at log position {@code position} (a gathering write: one system call, and
     * one device write for {@code O_DSYNC} files).
     */
    void write(ByteBuffer[] buffers, long position) throws IOException {
        assert position >= start && position < end() : position + " outside " + path;
        long remaining = 0;
        for (ByteBuffer buffer : buffers) {
            remaining += buffer.remaining();
        }
        assert position + remaining <= end() : "write past the end of " + path;
        channel.position(position - start);
        while (remaining > 0) {
            remaining -= channel.write(buffers);
        }
        dirty = true;
    }

    /** {@code fdatasync}: makes every byte written so far durable. Never retried after a failure. */
    void force() throws IOException {
        channel.force(false);
        dirty = false;
    }

    /** Notes that the bytes written so far are durable (they were written with {@code O_DSYNC}). */
    void markDurable() {
        dirty = false;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + path + " failed", e);
        }
    }
}
