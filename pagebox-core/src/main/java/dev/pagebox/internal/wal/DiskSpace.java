/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.DiskFullException;
import dev.pagebox.FileChannelFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether the device under a store is full: one object per store, told by every write that hits {@code ENOSPC}
 * (the log's flusher and spare preparer, page writes, file growth) and asked before every write the store accepts.
 *
 * <p>A full disk is not a failure of the store: nothing acknowledged is lost, no {@code fsync} failed (a failed
 * {@code fsync} fences the store for good, see {@link Fence}), and every write that hit the condition can be
 * retried once there is room. So while the disk is full, writes fail fast with {@link DiskFullException} before they
 * change anything ({@link #checkWritable}), reads go on, and the first write after room was freed resumes: a probe
 * of the file system, at most every {@value #PROBE_INTERVAL_MILLIS} ms while full, asks for the headroom the store
 * needs (a log segment and a data-file extent). The log's flusher retries on its own (see {@link Wal#stall()}).
 *
 * <p>An episode, from the first {@code ENOSPC} to the resumption, logs one WARNING (without a stack trace: the
 * condition is the operator's to fix, not a bug) and one INFO.
 */
public final class DiskSpace {
    private static final System.Logger LOG = System.getLogger(DiskSpace.class.getName());
    private static final long PROBE_INTERVAL_MILLIS = 200;

    private final Path directory;
    private final FileChannelFactory files;
    private final LongSupplier headroom;
    private volatile DiskFullException full;
    private volatile long nextProbeNanos;

    /**
     * Watches the device under a directory.
     *
     * @param directory the store's directory
     * @param files how the store reaches its files; asked for the usable space
     * @param headroom the free bytes the store needs before it accepts writes again
     */
    public DiskSpace(Path directory, FileChannelFactory files, LongSupplier headroom) {
        this.directory = directory;
        this.files = files;
        this.headroom = headroom;
    }

    /** A monitor that needs no headroom, for logs and page stores used on their own (tests, tools). */
    public static DiskSpace unwatched(Path directory) {
        return new DiskSpace(directory, FileChannelFactory.DEFAULT, () -> 0);
    }

    /**
     * Records that a write hit {@code ENOSPC}; the first report of an episode is logged.
     *
     * @param cause the failure, naming the file and operation
     */
    public void full(DiskFullException cause) {
        boolean first;
        synchronized (this) {
            first = full == null;
            full = cause;
            nextProbeNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_INTERVAL_MILLIS);
        }
        if (first) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the disk under {0} is full ({1}); writes fail with DiskFullException until space is freed, "
                            + "reads go on, nothing acknowledged is lost",
                    directory,
                    cause.getMessage());
        }
    }

    /**
     * Returns the failure that made the disk count as full.
     *
     * @return the last {@code ENOSPC} of the current episode, or empty if there is room
     */
    public Optional<DiskFullException> current() {
        return Optional.ofNullable(full);
    }

    /**
     * Lets a write through if there is room; while the disk is full, probes the file system (at most every
     * {@value #PROBE_INTERVAL_MILLIS} ms) and resumes if the headroom is free again.
     *
     * @throws DiskFullException if the disk is still full
     */
    public void checkWritable() {
        DiskFullException cause = full;
        if (cause == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextProbeNanos >= 0) {
            nextProbeNanos = now + TimeUnit.MILLISECONDS.toNanos(PROBE_INTERVAL_MILLIS);
            if (hasRoom()) {
                resumed();
                return;
            }
        }
        throw new DiskFullException(
                "the disk under " + directory + " is full; free space and retry", new IOException(cause.getMessage()));
    }

    /** Whether the file system has the headroom the store needs. */
    public boolean hasRoom() {
        return hasRoom(headroom.getAsLong());
    }

    /**
     * Whether the file system has some room.
     *
     * @param bytes the free bytes needed
     * @return whether at least that much is free (false if the file system cannot say)
     */
    public boolean hasRoom(long bytes) {
        try {
            return files.usableSpace(directory) >= bytes;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends an episode: a write that needed room succeeded, or the probe found room. */
    public void resumed() {
        boolean ended;
        synchronized (this) {
            ended = full != null;
            full = null;
        }
        if (ended) {
            LOG.log(System.Logger.Level.INFO, "the disk under {0} has room again; writes resume", directory);
        }
    }
}
