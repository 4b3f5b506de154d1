/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.DiskFullException;
import dev.pagebox.FileChannelFactory;
import dev.pagebox.PageboxIoException;
import dev.pagebox.SyncBackend;
import dev.pagebox.internal.nativeio.DirectIo;
import dev.pagebox.internal.nativeio.FileSystems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The segment files of a log directory: naming, pre-allocation, activation, recycling and deletion.
 *
 * <p>A segment file is named {@code wal-<start LSN, 16 hex digits>.log}. <b>Live</b> segments hold the log;
 * <b>spares</b> are files named after a future segment start whose first record is not a segment start for
 * that position: fresh ones read as zeros, recycled ones still hold an older segment's bytes, whose LSNs never
 * match their new position. A new file is allocated (or zero-filled) under a temporary name, synced and renamed, so a crash
 * never leaves a short file under a segment name (a failed attempt leaves the temporary file, which the next
 * attempt truncates and recovery deletes). Truncation recycles at most {@link #MAX_SPARES} files into
 * future names and deletes the rest, syncing the directory after each step so the live segments on disk always
 * form a contiguous run.
 *
 * <p>Activation runs on the flusher thread, preparation on the {@link SparePreparer}'s, truncation on the
 * checkpointer's. Activation and truncation hold this object's monitor around their file-system calls;
 * preparation fills its file outside it and takes it only to check that the file is still wanted and to rename
 * it. None waits for anything else while holding it.
 */
final class SegmentFiles {
    private static final System.Logger LOG = System.getLogger(SegmentFiles.class.getName());

    /** Spare files kept for reuse at most. */
    static final int MAX_SPARES = 2;

    private static final String PREFIX = "wal-";
    private static final String SUFFIX = ".log";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /** A spare being filled; distinct from an activation's temporary file, since both may exist at once. */
    private static final String SPARE_SUFFIX = ".spare" + TEMPORARY_SUFFIX;

    private static final int ZERO_CHUNK = 1 << 20;

    private final WalConfig config;
    private final Path directory;
    private final Set<OpenOption> writeOptions;
    private final NavigableMap<Long, Long> live;
    private long nextStart;
    private boolean spareFailed;
    private final AtomicLong preparedBytes = new AtomicLong();

    /**
     * Creates the file manager.
     *
     * @param config the log configuration
     * @param live the live segments, start to size, as recovery found them
     * @param nextStart where the next segment starts
     */
    SegmentFiles(WalConfig config, NavigableMap<Long, Long> live, long nextStart) {
        this.config = config;
        this.directory = config.directory();
        this.writeOptions = writeOptions(config.syncBackend());
        this.live = new ConcurrentSkipListMap<>(live);
        this.nextStart = nextStart;
    }

    static Set<OpenOption> writeOptions(SyncBackend backend) {
        Set<OpenOption> options = new HashSet<>(Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
        switch (backend) {
            case FDATASYNC -> {}
            case DSYNC -> options.add(StandardOpenOption.DSYNC);
            case DIRECT -> {
                options.add(StandardOpenOption.DSYNC);
                options.add(DirectIo.openOption()
                        .orElseThrow(() -> new UnsupportedOperationException(
                                "WalConfig.syncBackend DIRECT needs O_DIRECT, which this JDK does not offer")));
            }
        }
        return options;
    }

    /**
     * Returns a segment file's name.
     *
     * @param start the segment's start LSN
     * @return {@code wal-<16 hex digits>.log}
     */
    static String fileName(long start) {
        return PREFIX + String.format("%016x", start) + SUFFIX;
    }

    /** Checks sizes against the block size and that the file system accepts {@code O_DIRECT}; returns the block size. */
    static long checkDirectIo(WalConfig config) {
        Path directory = config.directory();
        Path probe = directory.resolve("wal-direct-probe.tmp");
        long blockSize;
        try {
            Files.createDirectories(directory);
            blockSize = FileSystems.blockSize(directory);
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot query the file system of " + directory, e);
        }
        if (config.segmentSize() % blockSize != 0
                || config.bufferSize() % blockSize != 0
                || config.bufferSize() < 4 * blockSize) {
            throw new IllegalArgumentException("WalConfig.syncBackend DIRECT needs WalConfig.segmentSize ("
                    + config.segmentSize() + ") and WalConfig.bufferSize (" + config.bufferSize()
                    + ") to be multiples of the file system's block size " + blockSize
                    + ", and the buffer to hold at least 4 blocks");
        }
        Set<OpenOption> options = new HashSet<>(writeOptions(SyncBackend.DIRECT));
        options.add(StandardOpenOption.CREATE);
        try (FileChannel channel = config.channels().open(probe, options)) {
            ByteBuffer block = ByteBuffer.allocateDirect((int) (2 * blockSize)).alignedSlice((int) blockSize);
            block.limit((int) blockSize);
            channel.write(block, 0);
        } catch (IOException e) {
            throw new PageboxIoException(
                    "WalConfig.syncBackend DIRECT: the file system holding " + directory
                            + " does not support O_DIRECT writes; use FDATASYNC or DSYNC",
                    e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // Recovery deletes leftover temporary files.
            }
        }
        return blockSize;
    }

    /**
     * Parses a segment file's start LSN from its name.
     *
     * @param file a file in the log directory
     * @return the start, or empty if the name is not a segment name
     */
    static OptionalLong startOf(Path file) {
        String name = file.getFileName().toString();
        if (name.length() != PREFIX.length() + 16 + SUFFIX.length()
                || !name.startsWith(PREFIX)
                || !name.endsWith(SUFFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(name.substring(PREFIX.length(), PREFIX.length() + 16), 16));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(TEMPORARY_SUFFIX);
    }

    Path path(long start) {
        return directory.resolve(fileName(start));
    }

    /** Bytes written to prepare segment files since the log was opened; safe to read from any thread. */
    long preparedBytes() {
        return preparedBytes.get();
    }

    /** The live segments, start LSN to size; safe to read from any thread. */
    NavigableMap<Long, Long> live() {
        return live;
    }

    /**
     * Opens a live segment for writing, e.g. the tail segment found by recovery.
     *
     * @param start its start LSN
     * @param fresh whether its file was zero-filled (as its segment-start record says)
     * @return the open segment
     */
    WalSegment openLive(long start, boolean fresh) {
        Path path = path(start);
        try {
            return new WalSegment(
                    start, live.get(start), path, config.channels().open(path, writeOptions), fresh);
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot open log segment " + path + " for writing", e);
        }
    }

    /**
     * Makes the next segment live: takes its spare file (or creates one) and opens it for writing. Flusher only.
     *
     * @param start the new segment's start LSN, which the log buffer chose
     * @return the open segment
     * @throws PageboxIoException if the file cannot be created ({@link dev.pagebox.DiskFullException} when full)
     */
    synchronized WalSegment activate(long start) {
        if (start != nextStart) {
            throw new IllegalStateException("segment at LSN " + start + " activated, expected " + nextStart);
        }
        long size = config.segmentSize();
        Path path = path(start);
        boolean fresh;
        try {
            if (Files.exists(path) && Files.size(path) == size) {
                fresh = isZeroHeader(path);
            } else {
                createZeroFilled(path, size);
                fresh = true;
            }
            FileChannel channel = config.channels().open(path, writeOptions);
            live.put(start, size);
            nextStart = start + size;
            return new WalSegment(start, size, path, channel, fresh);
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot prepare log segment " + path, e);
        }
    }

    /**
     * Zero-fills the next segment's file ahead of time, so the flusher does not stall when it gets there. The
     * file is filled outside this object's monitor, so an activation never waits for a fill: if the flusher gets
     * there first it creates the file itself, and this one is discarded. A failure is logged and left for
     * {@link #activate} to report.
     *
     * @param abandon checked before each sync: once true (the log was fenced), the spare is dropped unsynced
     * @param space told if the disk is full: the spare is the first file a filling disk refuses, so this is the
     *     store's early warning (the half-filled file is deleted, so the store keeps the room it has)
     */
    void prepareSpare(BooleanSupplier abandon, DiskSpace space) {
        long start;
        synchronized (this) {
            start = nextStart;
            if (spareFailed || Files.exists(path(start))) {
                return;
            }
        }
        Path path = path(start);
        Path temporary = path.resolveSibling(path.getFileName() + SPARE_SUFFIX);
        try {
            if (!fillWithZeros(temporary, config.segmentSize(), abandon)) {
                Files.deleteIfExists(temporary);
                return;
            }
            synchronized (this) {
                if (start != nextStart || Files.exists(path) || abandon.getAsBoolean()) {
                    Files.delete(temporary); // activated (or recycled into) meanwhile, or the log was fenced
                    return;
                }
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory();
            }
        } catch (IOException | PageboxIoException e) {
            synchronized (this) {
                spareFailed = true;
            }
            deleteQuietly(temporary);
            PageboxIoException failure = e instanceof PageboxIoException io
                    ? io
                    : PageboxIoException.wrap("cannot pre-allocate log segment " + path, (IOException) e);
            if (failure instanceof DiskFullException full) {
                space.full(full);
            } else {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "cannot pre-allocate log segment " + path + "; will retry when needed",
                        e);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Recovery deletes leftover temporary files.
        }
    }

    private boolean isZeroHeader(Path path) throws IOException {
        try (FileChannel channel = config.channels().open(path, Set.of(StandardOpenOption.READ))) {
            ByteBuffer header = ByteBuffer.allocate(WalRecordLayout.SEGMENT_START_SIZE);
            while (header.hasRemaining() && channel.read(header, header.position()) >= 0) {
                // read until full or end of file
            }
            return isAllZero(header.array(), header.position());
        }
    }

    private static boolean isAllZero(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private void createZeroFilled(Path path, long size) throws IOException {
        spareFailed = false;
        Path temporary = path.resolveSibling(path.getFileName() + TEMPORARY_SUFFIX);
        try {
            fillWithZeros(temporary, size, () -> false);
        } catch (IOException e) {
            deleteQuietly(temporary); // a half-filled file would hold on to the room a full disk needs
            throw e;
        }
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
    }

    /**
     * Makes {@code temporary} a file of {@code size} bytes that read as zeros, with its blocks allocated, and syncs
     * it, unless {@code abandon} says otherwise before the sync. The blocks are allocated with {@code fallocate}
     * where the file system has it: no data is written, where zero-filling wrote the whole segment once before the
     * log wrote it again. Through a custom {@link FileChannelFactory} the zeros are always written, so that the
     * factory sees every byte.
     */
    private boolean fillWithZeros(Path temporary, long size, BooleanSupplier abandon) throws IOException {
        try (FileChannel channel = config.channels()
                .open(
                        temporary,
                        Set.of(
                                StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.READ,
                                StandardOpenOption.WRITE))) {
            if (!allocate(temporary, size)) {
                writeZeros(channel, size);
            }
            if (abandon.getAsBoolean()) {
                return false;
            }
            channel.force(true);
            return true;
        }
    }

    /** Allocates the file's blocks without writing them; false where that cannot be asked of the file system. */
    private boolean allocate(Path file, long size) throws IOException {
        return config.channels() == FileChannelFactory.DEFAULT && FileSystems.allocate(file, 0, size);
    }

    private void writeZeros(FileChannel channel, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(ZERO_CHUNK, size));
        for (long offset = 0; offset < size; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), size - offset));
            int written = channel.write(zeros, offset);
            preparedBytes.addAndGet(written);
            offset += written;
        }
    }

    /**
     * Removes the live segments that end at or before {@code lsn}, oldest first, except the newest live segment.
     *
     * @param lsn no record below this is needed any more
     */
    synchronized void truncateBefore(long lsn) {
        while (live.size() > 1) {
            Map.Entry<Long, Long> oldest = live.firstEntry();
            long start = oldest.getKey();
            long size = oldest.getValue();
            if (start + size > lsn) {
                return;
            }
            Path path = path(start);
            live.remove(start);
            try {
                OptionalLong spare = size == config.segmentSize() ? freeSpareName() : OptionalLong.empty();
                if (spare.isPresent()) {
                    Files.move(path, path(spare.getAsLong()), StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(path);
                }
                syncDirectory();
            } catch (IOException e) {
                throw PageboxIoException.wrap("cannot remove log segment " + path, e);
            }
        }
    }

    /**
     * Deletes the spare files, so a closed log takes no more disk than its live segments; the next session
     * creates segments as it needs them. Called once the flusher has stopped.
     */
    synchronized void deleteSpares() {
        try {
            boolean deleted = false;
            for (int k = 0; k < MAX_SPARES; k++) {
                deleted |= Files.deleteIfExists(path(nextStart + k * config.segmentSize()));
            }
            if (deleted) {
                syncDirectory();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete spare log segments in " + directory, e);
        }
    }

    /** The first future segment name without a file, if fewer than {@link #MAX_SPARES} spares exist. */
    private OptionalLong freeSpareName() {
        OptionalLong free = OptionalLong.empty();
        int spares = 0;
        for (int k = 0; k < MAX_SPARES; k++) {
            long start = nextStart + k * config.segmentSize();
            if (Files.exists(path(start))) {
                spares++;
            } else if (free.isEmpty()) {
                free = OptionalLong.of(start);
            }
        }
        return spares < MAX_SPARES ? free : OptionalLong.empty();
    }

    /**
     * Opens a segment file for reading, buffered (also when the log writes with {@code O_DIRECT}).
     *
     * @param start the segment's start LSN
     * @return the channel
     * @throws IOException if it cannot be opened
     */
    FileChannel openRead(long start) throws IOException {
        return config.channels().open(path(start), Set.of(StandardOpenOption.READ));
    }

    /** Makes renames, creations and deletions in the log directory durable. */
    void syncDirectory() throws IOException {
        try (FileChannel channel = config.channels().open(directory, Set.of(StandardOpenOption.READ))) {
            channel.force(true);
        }
    }
}
