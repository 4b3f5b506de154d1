/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxIoException;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.StoreFailedException;
import dev.pagebox.SyncBackend;
import dev.pagebox.internal.mem.PoolMemory;
import dev.pagebox.internal.nativeio.NativeIo;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * The write-ahead log of a store: append records from any number of threads, make them durable by commit mode,
 * replay them after a restart, drop what a checkpoint no longer needs.
 *
 * <p>An LSN is a record's byte position in the log. {@link #durableLsn()} only ever covers a contiguous prefix:
 * a caller waiting for LSN {@code L} never returns while any record below {@code L} is not durable. One flusher
 * thread writes and syncs; one sync serves every record it covers (group commit). Every method may be called
 * from any thread, platform or virtual; waiting parks without pinning a carrier.
 *
 * <p>Records are encoded in place: {@link #claim} reserves a record's space in the log buffer, the caller writes the
 * payload there ({@link LogClaim}), and {@link #commit} checksums and publishes it, so no copy of the payload is
 * made on the way ({@link #append} is a claim, one copy and a commit).
 *
 * <p>Failure: a failed sync, or a failed write other than a full disk, fences the log. Every later append, flush
 * and waiter throws {@link StoreFailedException} whose cause is the first failure (a {@link PageboxIoException});
 * nothing is retried. Reopen the log to recover every acknowledged record. A full disk ({@code ENOSPC}) only stalls
 * the log: appends and waiters throw {@link dev.pagebox.DiskFullException} until the flusher, retrying, finds room
 * ({@link #stall()}).
 *
 * <p>The on-disk format and the protocols are described in {@code docs/wal.md} and {@link WalRecordLayout}.
 */
public final class Wal implements AutoCloseable {
    /** For {@link #open(WalConfig, long)}: every segment is needed. */
    public static final long WHOLE_LOG = -1;

    private static final System.Logger LOG = System.getLogger(Wal.class.getName());

    private final WalConfig config;
    private final Fence fence;
    private final DurabilityWaiters durability;
    private final SegmentFiles files;
    private final @Nullable LogBuffer buffer;
    private final @Nullable Flusher flusher;
    private final RecordAppender appender;
    /** Read-only: no buffer and no flusher; appends only hand out LSNs from here (see {@link #openReadOnly}). */
    private final boolean readOnly;

    private final AtomicLong memoryEnd = new AtomicLong();
    private final Recovery.Result recovery;
    private final @Nullable PoolMemory memory;
    private final ReentrantReadWriteLock segmentsLock = new ReentrantReadWriteLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RedoHolds holds = new RedoHolds(this::endLsn);

    private Wal(WalConfig config, PoolMemory memory, long blockSize, Recovery.Result recovery, DiskSpace space) {
        this.config = config;
        this.recovery = recovery;
        this.readOnly = false;
        this.memory = memory;
        this.fence = new Fence(config.directory());
        long end = recovery.endLsn();
        long tailEnd = recovery.tailStart() < 0
                ? 0
                : recovery.tailStart() + recovery.live().lastEntry().getValue();
        this.files = new SegmentFiles(config, recovery.live(), tailEnd);
        this.durability = new DurabilityWaiters(fence, end);
        long alignment = Math.max(blockSize, WalConfig.SIZE_UNIT);
        MemorySegment ring = memory.allocate(config.bufferSize(), alignment);
        MemorySegment scratch = blockSize > 0 ? memory.allocate(blockSize, blockSize) : MemorySegment.NULL;
        long released = blockSize > 0 ? end - end % blockSize : end;
        long segmentEnd = end < tailEnd ? tailEnd : end;
        this.buffer = new LogBuffer(ring, config, fence, durability, this::wakeFlusher, end, segmentEnd, released);
        WalSegment tail = null;
        if (recovery.tailStart() >= 0) {
            if (released < end) {
                preload(released, end);
            }
            tail = files.openLive(recovery.tailStart(), recovery.tailFresh());
        }
        this.flusher = new Flusher(buffer, files, durability, fence, config, blockSize, scratch, tail, end, space);
        this.appender = new RecordAppender(config, buffer, flusher, durability, memoryEnd);
        flusher.start();
    }

    /** The read-only log: the recovered segments for replay, and LSNs for changes kept in memory. */
    private Wal(WalConfig config, Recovery.Result recovery) {
        this.config = config;
        this.recovery = recovery;
        this.readOnly = true;
        this.memory = null;
        this.fence = new Fence(config.directory());
        long tailEnd = recovery.tailStart() < 0
                ? 0
                : recovery.tailStart() + recovery.live().lastEntry().getValue();
        this.files = new SegmentFiles(config, recovery.live(), tailEnd);
        this.durability = new DurabilityWaiters(fence, recovery.endLsn());
        this.buffer = null;
        this.flusher = null;
        this.appender = new RecordAppender(config, null, null, durability, memoryEnd);
        memoryEnd.set(recovery.endLsn());
    }

    /**
     * Opens the log of a store opened read-only: finds the log's end as {@link #open(WalConfig, long, DiskSpace)}
     * does but changes no file, starts no thread and never writes. Replay reads the recovered log; an append only
     * hands out the next LSN (for the changes the engine makes in memory while it finishes recovery), and every
     * record is durable at once, since nothing is ever written.
     *
     * @param config the configuration
     * @param neededFrom the first LSN the caller will replay
     * @return the read-only log
     */
    public static Wal openReadOnly(WalConfig config, long neededFrom) {
        return new Wal(config, Recovery.run(config, neededFrom, true));
    }

    /**
     * Opens (or creates) the log in {@code config.directory()}, recovering its end; its buffers come from a memory
     * owner of its own ({@link PoolMemory}, one shared arena), released on {@link #close()}.
     *
     * @param config the configuration
     * @return the open log, ready to append after its last valid record
     * @throws dev.pagebox.CorruptStoreException if a damaged record lies below a proven durable LSN or a segment
     *     belongs to another store
     * @throws PageboxIoException if the files cannot be read, or {@link SyncBackend#DIRECT} is not supported by
     *     the file system
     */
    public static Wal open(WalConfig config) {
        return open(config, WHOLE_LOG);
    }

    /**
     * Opens the log of a store that needs it only from an LSN on, with no disk-space monitor of the store's.
     *
     * @param config the configuration
     * @param neededFrom the first LSN the caller will replay, or {@link #WHOLE_LOG}
     * @return the open log
     */
    public static Wal open(WalConfig config, long neededFrom) {
        return open(config, neededFrom, DiskSpace.unwatched(config.directory()));
    }

    /**
     * Opens the log of a store that needs it only from an LSN on (its checkpoint): the log before that LSN is
     * never read, and segment files wholly before it are deleted.
     *
     * @param config the configuration
     * @param neededFrom the first LSN the caller will replay, or {@link #WHOLE_LOG}
     * @param space told when the disk is full, which stalls the log instead of fencing it
     * @return the open log
     * @throws dev.pagebox.CorruptStoreException as {@link #open(WalConfig)}, and if the log does not reach that LSN
     */
    public static Wal open(WalConfig config, long neededFrom, DiskSpace space) {
        PoolMemory memory = new PoolMemory(NativeIo.system());
        try {
            return open(config, memory, neededFrom, space);
        } catch (RuntimeException | Error e) {
            memory.close();
            throw e;
        }
    }

    private static Wal open(WalConfig config, PoolMemory memory, long neededFrom, DiskSpace space) {
        long blockSize = 0;
        if (config.syncBackend() == SyncBackend.DIRECT) {
            blockSize = SegmentFiles.checkDirectIo(config);
        }
        Recovery.Result recovery = Recovery.run(config, neededFrom);
        if (blockSize > 0 && recovery.tailStart() >= 0) {
            long tailSize = recovery.live().lastEntry().getValue();
            if (recovery.tailStart() % blockSize != 0 || tailSize % blockSize != 0) {
                throw new IllegalArgumentException("WalConfig.syncBackend DIRECT: the last segment of the log in "
                        + config.directory() + " is not aligned to the block size " + blockSize
                        + "; open it once with FDATASYNC and checkpoint first");
            }
        }
        return new Wal(config, memory, blockSize, recovery, space);
    }

    /** Loads the log's partial last block into the ring, for direct I/O's rewrite of that block. */
    private void preload(long from, long to) {
        try (FileChannel channel = files.openRead(recovery.tailStart())) {
            ByteBuffer target = buffer.slice(buffer.offset(from), (int) (to - from));
            while (target.hasRemaining()) {
                if (channel.read(target, from - recovery.tailStart() + target.position()) < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot read the last block of " + files.path(recovery.tailStart()), e);
        }
    }

    private void wakeFlusher() {
        flusher.wake();
    }

    // ---- appending (RecordAppender) ----

    /**
     * Claims the space of a record in the log buffer, for the caller to write the payload into in place
     * ({@link LogClaim}), then {@link #commit} or {@link #abort}. The claim holds back the flusher until then: fill it
     * at once, and claim nothing else meanwhile.
     *
     * @param type the record type, 0..255, handed back by replay
     * @param length the payload's length, at most {@link #maxPayloadSize()} bytes
     * @return the claim
     * @throws StoreFailedException if the log is fenced
     * @throws dev.pagebox.DiskFullException if the log is stalled on a full disk
     * @throws PageboxClosedException if the log is closed
     */
    public LogClaim claim(int type, int length) {
        return appender.claim(type, length);
    }

    /**
     * Completes a claimed record: writes its header and checksum and publishes it, then waits as the commit mode
     * says.
     *
     * @param claim a claim of this log whose payload is written in full
     * @param mode when to return: once durable ({@code STRICT}), at once with a sync within the flush interval
     *     ({@code RELAXED}), or at once with no sync until a flush, checkpoint or close ({@code NONE})
     * @return the record's LSN
     * @throws IllegalStateException if the payload was not written in full (the record is abandoned)
     * @throws StoreFailedException if the log becomes fenced while a STRICT commit waits
     */
    public long commit(LogClaim claim, CommitMode mode) {
        return appender.commit(claim, mode);
    }

    /**
     * Gives up a claim whose payload could not be written: its space is published as padding, so the log does not
     * stall on it. Does nothing to a claim already committed or aborted.
     *
     * @param claim a claim of this log
     */
    public void abort(LogClaim claim) {
        appender.abort(claim);
    }

    /**
     * Appends a record whose payload is ready in memory (a claim, one copy and a commit).
     *
     * @param type the record type, 0..255, handed back by replay
     * @param payload the payload, at most {@link #maxPayloadSize()} bytes; copied before this returns
     * @param mode when to return (see {@link #commit})
     * @return the record's LSN
     * @throws StoreFailedException if the log is fenced (also when it becomes fenced while a STRICT append waits)
     * @throws PageboxClosedException if the log is closed
     */
    public long append(int type, MemorySegment payload, CommitMode mode) {
        return appender.append(type, payload, mode);
    }

    /**
     * Appends a record whose payload is the remaining bytes of a buffer (its position is not changed).
     *
     * @param type the record type, 0..255
     * @param payload the payload
     * @param mode when to return
     * @return the record's LSN
     */
    public long append(int type, ByteBuffer payload, CommitMode mode) {
        return append(type, MemorySegment.ofBuffer(payload), mode);
    }

    // ---- durability ----

    /**
     * Makes the record at {@code lsn} and everything before it durable, syncing if needed.
     *
     * @param lsn an LSN below {@link #endLsn()}, e.g. a page LSN before the page is written
     * @throws StoreFailedException if the log is fenced
     */
    public void flush(long lsn) {
        if (buffer == null) {
            return;
        }
        if (lsn < 0 || lsn >= buffer.tail()) {
            throw new IllegalArgumentException("cannot flush LSN " + lsn + ": the log ends at " + buffer.tail());
        }
        if (durability.durable() > lsn) {
            return;
        }
        flusher.requestSync(lsn + 1);
        durability.await(lsn + 1, Long.MAX_VALUE);
    }

    /**
     * Makes every record appended before this call durable.
     *
     * @throws StoreFailedException if the log is fenced
     */
    public void flushAll() {
        if (buffer == null) {
            return;
        }
        long end = buffer.tail();
        if (durability.durable() >= end) {
            return;
        }
        flusher.requestSync(end);
        durability.await(end, Long.MAX_VALUE);
    }

    /**
     * Waits, without asking for a sync, until the record at {@code lsn} is durable (e.g. a RELAXED record).
     *
     * @param lsn the record's LSN
     * @param timeout how long to wait at most
     * @return whether it became durable in time
     * @throws StoreFailedException if the log is or becomes fenced first
     */
    public boolean awaitDurable(long lsn, Duration timeout) {
        if (buffer == null) {
            return true;
        }
        long nanos = timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : Math.max(0, timeout.toNanos());
        return durability.await(lsn + 1, nanos);
    }

    /**
     * Returns the end of the durable prefix: every record below it is durable, none at or after it necessarily is.
     *
     * @return the durable LSN
     */
    public long durableLsn() {
        return buffer == null ? memoryEnd.get() : durability.durable();
    }

    /**
     * Returns the end of the log: the position after the last reserved record.
     *
     * @return the end LSN
     */
    public long endLsn() {
        return buffer == null ? memoryEnd.get() : buffer.tail();
    }

    /**
     * Returns the oldest LSN still in the log (the start of its oldest segment).
     *
     * @return the first LSN, or the end LSN if the log holds no segment yet
     */
    public long firstLsn() {
        var live = files.live();
        return live.isEmpty() ? endLsn() : live.firstKey();
    }

    /**
     * Returns the holds that keep a checkpoint's redo point below operations in progress.
     *
     * @return the log's holds
     */
    public RedoHolds holds() {
        return holds;
    }

    /**
     * Returns the largest payload a record may have.
     *
     * @return bytes
     */
    public int maxPayloadSize() {
        return config.maxPayloadSize();
    }

    // ---- checkpoints and recovery ----

    /**
     * Drops the segments that hold only records below {@code lsn} (never the newest segment): up to
     * {@value SegmentFiles#MAX_SPARES} files are recycled as future segments, the rest deleted.
     *
     * @param lsn the checkpoint's LSN; at most {@link #durableLsn()}
     */
    public void truncateBefore(long lsn) {
        checkOpen();
        if (readOnly) {
            throw new ReadOnlyStoreException("cannot truncate the read-only log in " + config.directory());
        }
        if (lsn > durability.durable()) {
            throw new IllegalArgumentException(
                    "cannot truncate before LSN " + lsn + ": the log is durable only up to " + durability.durable());
        }
        segmentsLock.writeLock().lock();
        try {
            files.truncateBefore(lsn);
        } finally {
            segmentsLock.writeLock().unlock();
        }
    }

    /**
     * Replays the records from {@code fromLsn}, streaming segment by segment. First makes every record appended so
     * far durable (unless the log is fenced); replays up to the durable end.
     *
     * @param fromLsn a record's LSN or an earlier {@link #endLsn()}, at least {@link #firstLsn()}
     * @param visitor receives each record in LSN order
     * @return where the replay ended and what opening the log found at its tail
     * @throws dev.pagebox.CorruptStoreException if a record in the range is damaged
     */
    public ReplayResult replay(long fromLsn, WalVisitor visitor) {
        checkOpen();
        if (!fence.isFenced()) {
            flushAll();
        }
        long limit = durability.durable(); // read-only: the recovered end, whatever was appended in memory since
        segmentsLock.readLock().lock();
        try {
            long records = Replay.run(files, fromLsn, limit, visitor);
            return new ReplayResult(fromLsn, limit, records, recovery.tailCut(), recovery.detail());
        } finally {
            segmentsLock.readLock().unlock();
        }
    }

    /**
     * Copies the log from {@code from} to {@code end} into another directory, for a backup: every segment file
     * holding a part of that range, each at full size, with every byte at or after {@code end} zeroed (so the copy
     * ends there, cleanly). The caller keeps truncation away meanwhile (it holds the checkpoint lock).
     *
     * @param target the backup's log directory
     * @param from the backup's redo point
     * @param end a durable LSN; records at or after it are left out
     * @return the bytes copied
     */
    public long copyTo(Path target, long from, long end) {
        checkOpen();
        segmentsLock.readLock().lock();
        try {
            return LogBackup.copy(files, target, from, end);
        } catch (IOException e) {
            throw PageboxIoException.wrap(
                    "cannot copy the write-ahead log in " + config.directory() + " to " + target, e);
        } finally {
            segmentsLock.readLock().unlock();
        }
    }

    // ---- state ----

    /**
     * Returns the counters.
     *
     * @return a snapshot
     */
    public WalStats stats() {
        if (buffer == null || flusher == null) {
            long end = memoryEnd.get();
            Log2Histogram none = new Log2Histogram.Recorder().snapshot();
            return new WalStats(0, 0, 0, 0, 0, end, end, none, none, 0, 0, new long[WalStats.TYPES]);
        }
        return flusher.stats(buffer.spaceWaits(), buffer.tail());
    }

    /**
     * Returns the failure that fenced the log.
     *
     * @return the first failure, or empty while the log is healthy
     */
    public Optional<Throwable> failure() {
        return fence.failure();
    }

    /**
     * Returns why the log cannot write now, if it cannot: a full disk stalls it (the flusher retries once there is
     * room; nothing is fenced). Appends and durability waits fail with {@link dev.pagebox.DiskFullException}
     * meanwhile.
     *
     * @return the full disk that stalls the log, or empty
     */
    public Optional<dev.pagebox.DiskFullException> stall() {
        return fence.stall();
    }

    /**
     * Returns the configuration.
     *
     * @return the configuration the log was opened with
     */
    public WalConfig config() {
        return config;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new PageboxClosedException("write-ahead log in " + config.directory());
        }
    }

    /**
     * Closes the log: stops appends, makes every record durable, writes a shutdown record (which proves to the
     * next recovery that the whole log was durable), stops the flusher, deletes the spare segment files (a closed
     * log keeps only its live segments on disk) and releases files and memory.
     *
     * @throws StoreFailedException if the log is fenced and records were left that never became durable
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || buffer == null || flusher == null) {
            return;
        }
        try {
            buffer.close();
            if (!fence.isBlocked()) {
                flushAll();
                appender.appendInternal(WalRecordLayout.TYPE_SHUTDOWN);
                flushAll();
            }
        } catch (StoreFailedException | dev.pagebox.DiskFullException e) {
            // Reported below, after the resources are released.
        } finally {
            flusher.stop();
            if (memory != null) {
                memory.close();
            }
        }
        if (!fence.isFenced()) {
            files.deleteSpares();
        }
        if (fence.stall().isPresent() && buffer.tail() > durability.durable()) {
            // Nothing is lost that was acknowledged: STRICT writers of these records were told the disk was full.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "write-ahead log in {0} closed on a full disk: {1} bytes of log records from LSN {2} could not be "
                            + "written; their writes failed with DiskFullException or were not yet durable",
                    config.directory(),
                    buffer.tail() - durability.durable(),
                    durability.durable());
        }
        Optional<Throwable> failure = fence.failure();
        if (failure.isPresent() && buffer.tail() > durability.durable()) {
            throw fence.fenced(failure.get());
        }
    }
}
