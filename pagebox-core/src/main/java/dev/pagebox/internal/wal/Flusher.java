/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.DiskFullException;
import dev.pagebox.LogSyncListener;
import dev.pagebox.PageboxException;
import dev.pagebox.PageboxIoException;
import dev.pagebox.SyncBackend;
import dev.pagebox.internal.nativeio.BackgroundLoop;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The one platform thread that writes the log buffer to the segment files and makes it durable (group commit).
 *
 * <h2>A cycle</h2>
 * <ol>
 *   <li>Decide: a sync is wanted if a STRICT writer or {@code flush} asked for an LSN beyond the durable one, or
 *       a RELAXED record has waited a flush interval; a plain write if the buffer is more than half full, a
 *       writer waits for space, or a NONE record has waited a flush interval (so that it survives a crash of the
 *       process). Otherwise sleep until woken or the next deadline.
 *   <li>Walk the published items from where the last walk stopped up to the first unpublished one (its first
 *       word still {@link WalRecordLayout#UNFILLED}); a segment-start record on the way activates that segment's
 *       file.
 *   <li>Write that whole contiguous range with one gathering write per segment.
 *   <li>Sync every segment written since the last sync (none with {@code O_DSYNC}, whose writes are durable on
 *       return), publish the new durable LSN and wake exactly the writers it covers: one {@code fdatasync}
 *       serves every record in the range.
 * </ol>
 * The durable LSN only ever moves to the end of a walked prefix, so durability covers a contiguous prefix.
 *
 * <h2>Direct I/O</h2>
 * With {@code O_DIRECT}, writes must cover whole blocks. A range starts at the block boundary at or below the
 * last written position; the bytes of that partial block are still in the ring (ring space is released only up
 * to that boundary), so the block is rewritten with its old and new bytes. The last, partial block of a range
 * is copied to a scratch block and padded with zeros, so that nothing but zeros ever lies past the end of the log.
 *
 * <h2>Failure</h2>
 * A full disk while creating a segment file or writing into one stalls the log ({@link Fence}): waiters are woken
 * to fail with {@link DiskFullException}, the records stay in the buffer, and the flusher retries the write every
 * {@value #STALL_RETRY_MILLIS} ms once the file system has a segment's worth of room. Any other failure fences the
 * log, wakes every waiter, and ends the thread; nothing is retried.
 */
final class Flusher implements Runnable {
    private static final int RUNNING = 0;
    private static final int IDLE = 1;
    private static final int AWAITING_FILL = 2;
    /** Safety net only: every state change that creates work wakes the flusher. */
    private static final long IDLE_PARK_NANOS = 100_000_000L;

    private static final long FILL_PARK_NANOS = 1_000_000L;

    /** How often a log stalled by a full disk tries its write again. */
    static final long STALL_RETRY_MILLIS = 200;

    /**
     * How long the flusher looks for the next commit after a sync before it parks. A committer that was just
     * woken usually commits again within microseconds; finding that request without a park and unpark saves a
     * thread wake-up per commit. Not done on a single CPU, where the spin would keep the committer off it.
     */
    private static final System.Logger LOG = System.getLogger(Flusher.class.getName());

    private static final long SPIN_AFTER_SYNC_NANOS = Runtime.getRuntime().availableProcessors() > 1 ? 50_000L : 0L;

    private final LogBuffer buffer;
    private final SegmentFiles files;
    private final DurabilityWaiters durability;
    private final Fence fence;
    private final boolean synchronousWrites;
    private final long blockSize;
    private final MemorySegment scratch;
    private final long flushIntervalNanos;
    private final ArrayDeque<WalSegment> segments = new ArrayDeque<>();
    private final BackgroundLoop loop;
    private final AtomicLong syncTarget = new AtomicLong();
    private final AtomicLong relaxedTarget = new AtomicLong();
    private final AtomicLong unsyncedTarget = new AtomicLong();
    /** {@link #written}, published for writers deciding whether to wake the flusher. */
    private volatile long writtenPublished;

    private volatile int state = RUNNING;

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong writtenBytes = new AtomicLong();
    /** Bytes per record type; written by the flusher thread only, read by stats. */
    private final AtomicLongArray bytesByType = new AtomicLongArray(WalStats.TYPES);

    private final Log2Histogram.Recorder syncLatency = new Log2Histogram.Recorder();
    private final Log2Histogram.Recorder groupSize = new Log2Histogram.Recorder();
    private final LogSyncListener syncListener;
    private final DiskSpace space;
    private final long segmentSize;

    // Owned by the flusher thread.
    private long scanned;
    private long written;
    private long relaxedSince = -1;
    private long unsyncedSince = -1;
    private long lastSyncEnd = System.nanoTime() - SPIN_AFTER_SYNC_NANOS;
    private long unsyncedRecords;
    private boolean spareChecked;
    private boolean listenerFailed;
    /**
     * The spare is asked for once the log has grown this far: an eighth of a segment past where this segment
     * started or, for the segment the log was opened in, past where it was opened. A store opened only to be read
     * (a command-line {@code get}) thus never writes a 64 MiB spare; one that writes has seven eighths of a
     * segment to fill it in.
     */
    private long spareAfter;

    private final long spareLead;
    private final SparePreparer spares;

    /**
     * Creates the flusher; {@link #start()} starts its thread.
     *
     * @param buffer the log buffer
     * @param files the segment files
     * @param durability the durable LSN
     * @param fence the failure state
     * @param config the configuration
     * @param blockSize the direct-I/O block size, or 0 without direct I/O
     * @param scratch one aligned block for the partial tail block (direct I/O), else empty
     * @param tailSegment the segment the log ends in, open for writing, or null if the next record starts one
     * @param end where the log ends
     * @param space told of a full disk and asked for room before a stalled write is retried
     */
    Flusher(
            LogBuffer buffer,
            SegmentFiles files,
            DurabilityWaiters durability,
            Fence fence,
            WalConfig config,
            long blockSize,
            MemorySegment scratch,
            WalSegment tailSegment,
            long end,
            DiskSpace space) {
        this.buffer = buffer;
        this.files = files;
        this.durability = durability;
        this.fence = fence;
        this.synchronousWrites = config.syncBackend() != SyncBackend.FDATASYNC;
        this.blockSize = blockSize;
        this.scratch = scratch;
        this.flushIntervalNanos = config.flushInterval().toNanos();
        this.syncListener = config.syncListener();
        this.space = space;
        this.segmentSize = config.segmentSize();
        this.scanned = end;
        this.written = end;
        this.writtenPublished = end;
        this.spareLead = config.segmentSize() / 8;
        this.spareAfter = end + spareLead;
        if (tailSegment != null) {
            segments.add(tailSegment);
        }
        this.spares = new SparePreparer(files, config, fence::isFenced, space);
        this.loop = new BackgroundLoop(config.threads(), "pagebox-wal-flusher " + config.directory(), this);
    }

    void start() {
        loop.start();
    }

    // ---- called by writers ----

    /** Asks for the log to be durable up to {@code target} and wakes the flusher. */
    void requestSync(long target) {
        if (syncTarget.get() < target) {
            syncTarget.accumulateAndGet(target, Math::max);
        }
        wake();
    }

    /** Notes a RELAXED record ending at {@code end}; starts the flush-interval clock if none is running. */
    void noteRelaxed(long end) {
        long previous = relaxedTarget.getAndAccumulate(end, Math::max);
        if (previous <= durability.durable() && state == IDLE) {
            loop.wake();
        }
    }

    /**
     * Notes a NONE record ending at {@code end}: it is written (not synced) within a flush interval, so that a crash
     * of the process does not lose it; wakes the flusher for the first such record since the last write.
     */
    void noteUnsynced(long end) {
        long previous = unsyncedTarget.getAndAccumulate(end, Math::max);
        if (previous <= writtenPublished && state == IDLE) {
            loop.wake();
        }
    }

    /** Called after a record is published: the flusher may be waiting for exactly this record. */
    void published() {
        if (state == AWAITING_FILL) {
            loop.wake();
        } else if (state == IDLE && buffer.underPressure()) {
            loop.wake();
        }
    }

    /** Wakes the flusher if it sleeps. */
    void wake() {
        if (state != RUNNING) {
            loop.wake();
        }
    }

    /** Lets the thread finish once nothing is left to sync, and waits for it. */
    void stop() {
        loop.stop();
        spares.stop();
    }

    WalStats stats(long spaceWaits, long endLsn) {
        return new WalStats(
                records.get(),
                bytes.get(),
                writes.get(),
                syncs.get(),
                spaceWaits,
                durability.durable(),
                endLsn,
                syncLatency.snapshot(),
                groupSize.snapshot(),
                writtenBytes.get(),
                files.preparedBytes(),
                typeCounts());
    }

    private long[] typeCounts() {
        long[] counts = new long[WalStats.TYPES];
        for (int type = 0; type < counts.length; type++) {
            counts[type] = bytesByType.getOpaque(type);
        }
        return counts;
    }

    // ---- the flusher thread ----

    @Override
    public void run() {
        try {
            while (cycle()) {
                // one group commit per iteration
            }
        } catch (Throwable failure) {
            fence.fail(
                    failure instanceof PageboxException
                            ? failure
                            : new PageboxException("log flusher failed", failure));
            durability.wakeAll();
            buffer.signalSpaceWaiters();
            if (failure instanceof Error error) {
                throw error;
            }
        } finally {
            for (WalSegment segment : segments) {
                segment.close();
            }
            segments.clear();
        }
    }

    private boolean cycle() {
        if (fence.stall().isPresent()) {
            return retryStalled();
        }
        long durable = durability.durable();
        long now = System.nanoTime();
        long relaxed = relaxedTarget.get();
        if (relaxed <= durable) {
            relaxedSince = -1;
        } else if (relaxedSince < 0) {
            relaxedSince = now;
        }
        boolean relaxedDue = relaxedSince >= 0 && now - relaxedSince >= flushIntervalNanos;
        if (unsyncedTarget.get() <= written) {
            unsyncedSince = -1;
        } else if (unsyncedSince < 0) {
            unsyncedSince = now;
        }
        boolean writeDue = unsyncedSince >= 0 && now - unsyncedSince >= flushIntervalNanos;
        long target = Math.max(syncTarget.get(), relaxedDue ? relaxed : 0);
        boolean wantSync = target > durable;
        if (!wantSync && !writeDue && !buffer.underPressure()) {
            if (loop.stopping()) {
                return false;
            }
            if (!awaitSyncRequest(now)) {
                idle(nextDeadline(now));
            }
            return true;
        }
        long writtenBefore = written;
        long complete;
        long writeStart = System.nanoTime();
        try {
            complete = walk(buffer.tail());
            if (complete > written) {
                write(complete);
            }
        } catch (DiskFullException e) {
            stall(e);
            return !loop.stopping();
        }
        boolean synced = (wantSync || synchronousWrites) && complete > durable;
        if (synced) {
            sync(complete, writeStart);
        }
        if ((wantSync && target > durability.durable()) || (complete == writtenBefore && !synced)) {
            awaitFill();
        }
        return true;
    }

    /**
     * Stalls the log on a full disk: everything walked or written so far stays as it is (a retry walks and writes
     * again from there, which is idempotent), and every waiter is woken to fail.
     */
    private void stall(DiskFullException cause) {
        fence.stall(cause);
        space.full(cause);
        durability.wakeAll();
        buffer.signalSpaceWaiters();
    }

    /**
     * While stalled: sleeps a retry interval and, if the file system has a segment's room again, writes what the
     * buffer holds; a success ends the stall (the next cycle syncs as usual). Returns false to end the thread.
     */
    private boolean retryStalled() {
        if (loop.stopping()) {
            return false;
        }
        state = IDLE;
        LockSupport.parkNanos(this, STALL_RETRY_MILLIS * 1_000_000L);
        state = RUNNING;
        if (loop.stopping() || !space.hasRoom(segmentSize)) {
            return !loop.stopping();
        }
        try {
            long complete = walk(buffer.tail());
            if (complete > written) {
                write(complete);
            }
        } catch (DiskFullException e) {
            fence.stall(e);
            return true;
        }
        fence.resume();
        space.resumed();
        return true;
    }

    /** Spins briefly after a sync for the next request; returns whether one came. Stays {@code RUNNING}. */
    private boolean awaitSyncRequest(long now) {
        if (now - lastSyncEnd >= SPIN_AFTER_SYNC_NANOS) {
            return false;
        }
        long durable = durability.durable();
        while (syncTarget.get() <= durable && !loop.stopping() && !buffer.underPressure()) {
            if (System.nanoTime() - lastSyncEnd >= SPIN_AFTER_SYNC_NANOS) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /** How long to sleep: until the first RELAXED sync or NONE write falls due, or the safety timeout. */
    private long nextDeadline(long now) {
        long park = IDLE_PARK_NANOS;
        if (relaxedSince >= 0) {
            park = Math.min(park, relaxedSince + flushIntervalNanos - now);
        }
        if (unsyncedSince >= 0) {
            park = Math.min(park, unsyncedSince + flushIntervalNanos - now);
        }
        return park;
    }

    private void idle(long parkNanos) {
        state = IDLE;
        long durable = durability.durable();
        boolean work = loop.stopping()
                || syncTarget.get() > durable
                || (relaxedTarget.get() > durable && relaxedSince < 0)
                || (unsyncedTarget.get() > writtenPublished && unsyncedSince < 0)
                || buffer.underPressure();
        if (!work && parkNanos > 0) {
            LockSupport.parkNanos(this, parkNanos);
        }
        state = RUNNING;
    }

    /** Sleeps until the item the walk stopped at is published (or briefly, as a safety net). */
    private void awaitFill() {
        state = AWAITING_FILL;
        long position = scanned;
        if (position >= buffer.tail() || buffer.firstWord(position) == WalRecordLayout.UNFILLED) {
            LockSupport.parkNanos(this, FILL_PARK_NANOS);
        }
        state = RUNNING;
    }

    /** Advances {@link #scanned} over published items, up to {@code limit}; returns the new position. */
    private long walk(long limit) {
        MemorySegment ring = buffer.ring();
        long position = scanned;
        long walkedRecords = 0;
        while (position < limit) {
            long offset = buffer.offset(position);
            long word = buffer.firstWord(position);
            if (word == position) {
                boolean internal = (WalRecordLayout.flags(ring, offset) & WalRecordLayout.FLAG_INTERNAL) != 0;
                int type = WalRecordLayout.type(ring, offset);
                if (!internal) {
                    walkedRecords++;
                } else if (type == WalRecordLayout.TYPE_SEGMENT_START) {
                    activate(position, offset);
                }
                int size = WalRecordLayout.recordSize(WalRecordLayout.length(ring, offset));
                countBytes(type, size);
                position += size;
            } else if (word == WalRecordLayout.fillerWord(position)) {
                countBytes(WalStats.PADDING, WalRecordLayout.ALIGNMENT);
                position += WalRecordLayout.ALIGNMENT;
            } else {
                break;
            }
        }
        records.addAndGet(walkedRecords);
        unsyncedRecords += walkedRecords;
        bytes.addAndGet(position - scanned);
        scanned = position;
        return position;
    }

    /** Counts a record's bytes under its type; this thread is the only writer. */
    private void countBytes(int type, long size) {
        bytesByType.setOpaque(type, bytesByType.getOpaque(type) + size);
    }

    private void activate(long start, long ringOffset) {
        WalSegment segment = files.activate(start);
        segments.addLast(segment);
        WalRecordLayout.setSegmentFresh(buffer.ring(), ringOffset, segment.fresh());
        spareChecked = false;
        spareAfter = start + spareLead;
    }

    private void write(long complete) {
        long position = written;
        while (position < complete) {
            WalSegment segment = segmentFor(position);
            long chunkEnd = Math.min(complete, segment.end());
            writeChunk(segment, position, chunkEnd);
            position = chunkEnd;
        }
        written = complete;
        writtenPublished = complete;
        buffer.release(blockSize > 0 ? alignDown(complete) : complete);
    }

    private WalSegment segmentFor(long position) {
        for (WalSegment segment : segments) {
            if (position >= segment.start() && position < segment.end()) {
                return segment;
            }
        }
        throw new IllegalStateException("no open log segment holds LSN " + position);
    }

    private void writeChunk(WalSegment segment, long from, long to) {
        long start = blockSize > 0 ? alignDown(from) : from;
        long wholeEnd = blockSize > 0 ? alignDown(to) : to;
        List<ByteBuffer> parts = new ArrayList<>(3);
        for (long position = start; position < wholeEnd; ) {
            long offset = buffer.offset(position);
            int length = (int) Math.min(wholeEnd - position, buffer.capacity() - offset);
            parts.add(buffer.slice(offset, length));
            position += length;
        }
        if (wholeEnd < to) {
            int tailBytes = (int) (to - wholeEnd);
            MemorySegment.copy(buffer.ring(), buffer.offset(wholeEnd), scratch, 0, tailBytes);
            scratch.asSlice(tailBytes).fill((byte) 0);
            parts.add(scratch.asByteBuffer());
        }
        long length = 0;
        for (ByteBuffer part : parts) {
            length += part.remaining();
        }
        try {
            segment.write(parts.toArray(ByteBuffer[]::new), start);
            writes.incrementAndGet();
            writtenBytes.addAndGet(length);
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot write log segment " + segment.path(), e);
        }
    }

    /** Tells the sync listener; a failing listener is logged once. */
    private void tellListener(long nanos, long group) {
        try {
            syncListener.synced(nanos, group);
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                LOG.log(
                        System.Logger.Level.WARNING,
                        "the log sync listener failed; further failures are not logged",
                        e);
            }
        }
    }

    private void sync(long complete, long writeStartNanos) {
        long startNanos = synchronousWrites ? writeStartNanos : System.nanoTime();
        for (WalSegment segment : segments) {
            if (segment.dirty()) {
                try {
                    if (synchronousWrites) {
                        segment.markDurable();
                    } else {
                        segment.force();
                    }
                } catch (IOException e) {
                    throw PageboxIoException.wrap("cannot sync log segment " + segment.path(), e);
                }
            }
        }
        lastSyncEnd = System.nanoTime();
        long nanos = lastSyncEnd - startNanos;
        long group = unsyncedRecords;
        syncLatency.record(nanos);
        syncs.incrementAndGet();
        groupSize.record(group);
        unsyncedRecords = 0;
        tellListener(nanos, group); // before the release: a writer that returns finds its sync recorded
        durability.advance(complete);
        retireSegments();
        if (!spareChecked && complete >= spareAfter) {
            spares.request(); // off this thread: zero-filling a segment would stall every sync meanwhile
            spareChecked = true;
        }
    }

    /** Closes segments that are completely written and synced. */
    private void retireSegments() {
        while (segments.size() > 1
                && segments.peekFirst().end() <= written
                && !segments.peekFirst().dirty()) {
            segments.pollFirst().close();
        }
    }

    private long alignDown(long position) {
        return position - position % blockSize;
    }
}
