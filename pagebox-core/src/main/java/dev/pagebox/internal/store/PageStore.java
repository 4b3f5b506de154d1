/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import dev.pagebox.CorruptPageException;
import dev.pagebox.CorruptStoreException;
import dev.pagebox.DiskFullException;
import dev.pagebox.FileChannelFactory;
import dev.pagebox.IncompatibleStoreException;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxIoException;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.StoreFailedException;
import dev.pagebox.internal.nativeio.DirectIo;
import dev.pagebox.internal.nativeio.FileSystems;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageIds;
import dev.pagebox.internal.wal.DiskSpace;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The data file of a store: fixed-size pages addressed by page id, the two header copies in pages 0 and 1,
 * the persistent free-page allocator, and the directory lock.
 *
 * <p>Every page written carries a CRC32C (see {@link PageHeaderLayout}) and its own page id; every read checks
 * both and throws {@link CorruptPageException} naming the page rather than returning bad data. Page I/O is
 * positional ({@link FileChannel#read(ByteBuffer, long)}), so any number of threads, virtual ones included,
 * read and write different pages at once.
 *
 * <h2>Failure policy</h2>
 * A failed {@code force} fences the store: the kernel may have dropped the dirty pages it failed to write, so
 * retrying could report success for data that is gone (PostgreSQL's "fsyncgate"). Every later write, sync
 * and checkpoint throws {@link StoreFailedException} with the first failure as cause; reads keep working. A
 * failed page write ({@code EIO}, {@code ENOSPC}) throws to the caller, who still holds the page in memory and
 * in the log; it does not fence.
 *
 * <p>Pieces of its own: {@link OpenedStore} (what the header copies and snapshot said at open, or a new store's
 * header), {@link PageOverlay} (a read-only store's written pages, in memory), {@link StoreBackup} (its side of an
 * online backup), {@link HeaderCopies} (the two header copies), {@link FreePageAllocator} (free pages).
 */
public final class PageStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PageStore.class.getName());

    /** Name of the data file in the store directory. */
    public static final String DATA_FILE = "pagebox.pages";

    private final Path directory;
    private final Path dataFile;
    private final PageStoreConfig config;
    private final @Nullable DirectoryLock lock;
    /** Read-only: the pages written since the open, kept in memory instead of the file. */
    private final @Nullable PageOverlay overlay;

    private final StoreBackup backup;

    private final FileChannel channel;
    private final int pageSize;
    private final boolean created;
    private final FreePageAllocator allocator;
    private final Object checkpointLock = new Object();
    private final LongAdder pageBytes = new LongAdder();
    private final LongAdder unloggedPageBytes = new LongAdder();
    private final LongAdder metadataBytes = new LongAdder();
    private final LongAdder extensionBytes = new LongAdder();
    private volatile StoreHeader header;
    private final @Nullable String freeSpaceLost;
    private volatile Throwable failure;
    private volatile boolean closed;

    private final DiskSpace space;

    private PageStore(
            Path directory,
            PageStoreConfig config,
            @Nullable DirectoryLock lock,
            FileChannel channel,
            OpenedStore opened,
            DiskSpace space) {
        this.directory = directory;
        this.space = space;
        this.dataFile = directory.resolve(DATA_FILE);
        this.config = config;
        this.lock = lock;
        this.channel = channel;
        this.header = opened.header();
        this.pageSize = opened.header().pageSize();
        this.created = opened.created();
        this.freeSpaceLost = opened.freeSpaceLost();
        this.overlay = config.readOnly() ? new PageOverlay(pageSize) : null;
        FreeSpaceSnapshot snapshot = opened.snapshot();
        if (opened.created()) {
            this.allocator = FreePageAllocator.empty(pageSize, this::growTo);
        } else if (snapshot == null) {
            this.allocator = FreePageAllocator.allAllocated(
                    pageSize, this::growTo, opened.header().pageCount());
        } else {
            this.allocator = FreePageAllocator.restore(pageSize, this::growTo, snapshot);
        }
        this.backup = new StoreBackup(directory, dataFile, pageSize, allocator);
    }

    /**
     * Opens the store in {@code directory}, creating the directory and a new store if there is none.
     *
     * @param directory the data directory
     * @param config page size for a new store, I/O options
     * @return the open store, holding the directory lock until {@link #close()}
     * @throws dev.pagebox.StoreLockedException if another process holds the directory
     * @throws IncompatibleStoreException if the existing store's page size differs from the configured one
     * @throws CorruptStoreException if neither header copy is valid
     */
    public static PageStore open(Path directory, PageStoreConfig config) {
        return open(directory, config, DiskSpace.unwatched(directory));
    }

    /**
     * Opens the store, telling {@code space} of every write that finds the disk full.
     *
     * @param directory the data directory
     * @param config page size for a new store, I/O options
     * @param space the store's disk-space monitor
     * @return the open store
     */
    public static PageStore open(Path directory, PageStoreConfig config, DiskSpace space) {
        if (config.readOnly()) {
            if (!Files.isRegularFile(directory.resolve(DATA_FILE))) {
                throw new PageboxIoException(
                        "cannot open the store in " + directory + " read-only",
                        new NoSuchFileException(directory.resolve(DATA_FILE).toString(), null, "no data file"));
            }
        } else {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw PageboxIoException.wrap("cannot create data directory " + directory, e);
            }
        }
        DirectoryLock lock =
                config.readOnly() ? DirectoryLock.acquireShared(directory) : DirectoryLock.acquire(directory);
        FileChannel channel = null;
        try {
            channel = config.channels().open(directory.resolve(DATA_FILE), openOptions(config));
            OpenedStore opened = OpenedStore.read(directory, config, channel);
            if (opened.created() && config.readOnly()) {
                throw new CorruptStoreException("the store in " + directory + " has no valid header (offset 0 of "
                        + directory.resolve(DATA_FILE) + "); a read-only open cannot create one");
            }
            PageStore store = new PageStore(directory, config, lock, channel, opened, space);
            if (opened.created()) {
                store.initialize();
            }
            return store;
        } catch (IOException e) {
            closeAfterFailure(lock, channel);
            throw PageboxIoException.wrap("cannot open data file in " + directory, e);
        } catch (RuntimeException | Error e) {
            closeAfterFailure(lock, channel);
            throw e;
        }
    }

    private static Set<OpenOption> openOptions(PageStoreConfig config) {
        Set<OpenOption> options = config.readOnly()
                ? new HashSet<>(Set.of(StandardOpenOption.READ))
                : new HashSet<>(Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
        if (config.directIo()) {
            options.add(DirectIo.openOption()
                    .orElseThrow(() -> new UnsupportedOperationException("O_DIRECT is not available in this JDK")));
        }
        return options;
    }

    /** A new store: grow to the first extent and make the first header durable. */
    private void initialize() {
        writeCheckpoint(0, PageIds.NONE, new byte[StoreHeader.USER_META_BYTES]);
        syncDirectory();
        LOG.log(System.Logger.Level.INFO, "created store {0} with page size {1}", directory, String.valueOf(pageSize));
    }

    private static void closeAfterFailure(@Nullable DirectoryLock lock, @Nullable FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // The original failure is what the caller needs to see.
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /**
     * Returns the page size, fixed when the store was created.
     *
     * @return bytes per page
     */
    public int pageSize() {
        return pageSize;
    }

    /**
     * Returns the data directory.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the data file.
     *
     * @return the path of {@value #DATA_FILE}
     */
    public Path dataFile() {
        return dataFile;
    }

    /**
     * Tells whether {@link #open} created this store.
     *
     * @return true for a new store
     */
    public boolean created() {
        return created;
    }

    /**
     * Returns the header of the last durable checkpoint.
     *
     * @return the header
     */
    public StoreHeader header() {
        return header;
    }

    /**
     * Tells why the free-space snapshot could not be read, if it could not: the allocator then holds every page
     * as allocated until the caller frees those no tree reaches ({@link FreePageAllocator#freeAllBut}).
     *
     * @return the damage found, or empty
     */
    public Optional<String> freeSpaceLost() {
        return Optional.ofNullable(freeSpaceLost);
    }

    /**
     * Returns the free-page allocator.
     *
     * @return the allocator
     */
    public FreePageAllocator allocator() {
        return allocator;
    }

    /**
     * Reads a page and checks its checksum and identity.
     *
     * @param pageId the page
     * @param destination exactly one page of memory (block-aligned when direct I/O is on)
     * @throws CorruptPageException if the page fails its checksum, names another page, or was never written
     */
    public void readPage(long pageId, MemorySegment destination) {
        PageReadOutcome outcome = tryReadPage(pageId, destination);
        if (outcome != PageReadOutcome.VALID) {
            throw new CorruptPageException(
                    pageId, dataFile, PageIds.fileOffset(pageId, pageSize), outcome.describe(destination, pageId));
        }
    }

    /**
     * Reads a page and reports whether it is valid, never written, or damaged (for recovery, which can
     * rebuild such pages from the log).
     *
     * @param pageId the page
     * @param destination exactly one page of memory
     * @return the outcome; {@code destination} holds the bytes read either way
     */
    public PageReadOutcome tryReadPage(long pageId, MemorySegment destination) {
        checkOpen();
        checkPageBuffer(destination);
        PageIds.checkDataPage(pageId);
        long offset = PageIds.fileOffset(pageId, pageSize);
        if (overlay != null && overlay.read(pageId, destination)) {
            return PageReadOutcome.classify(destination, pageId);
        }
        ByteBuffer buffer = destination.asByteBuffer();
        try {
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, offset + buffer.position());
                if (read < 0) {
                    destination.asSlice(buffer.position()).fill((byte) 0);
                    break;
                }
            }
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot read page " + pageId + " of " + dataFile, e);
        }
        return PageReadOutcome.classify(destination, pageId);
    }

    /**
     * Writes a page, first stamping its checksum into {@code page}. The page must name itself
     * ({@link PageHeaderLayout#pageId}) as {@code pageId}.
     *
     * @param pageId the page
     * @param page a private copy of the page's bytes, exactly one page (block-aligned when direct I/O is on)
     * @throws StoreFailedException if the store is fenced
     * @throws PageboxIoException if the write fails; the page on disk may then be torn
     */
    public void writePage(long pageId, MemorySegment page) {
        checkWritable();
        checkPageBuffer(page);
        PageIds.checkDataPage(pageId);
        if (PageHeaderLayout.pageId(page) != pageId) {
            throw new IllegalArgumentException(
                    "page buffer names page " + PageHeaderLayout.pageId(page) + " but is written as page " + pageId);
        }
        PageHeaderLayout.stampChecksum(page);
        if (overlay != null) {
            overlay.write(pageId, page);
            return;
        }
        writeFully(page.asByteBuffer(), PageIds.fileOffset(pageId, pageSize), "page " + pageId);
        pageBytes.add(pageSize);
    }

    /**
     * Writes a page that is not in the write-ahead log (an overflow value's): as {@link #writePage}, and while a
     * backup runs the page is noted, because a backup copies such pages again once it knows where its log ends.
     *
     * @param pageId the page
     * @param page a private copy of the page's bytes
     */
    public void writeUnloggedPage(long pageId, MemorySegment page) {
        writePage(pageId, page);
        unloggedPageBytes.add(pageSize);
        backup.noteUnlogged(pageId);
    }

    /**
     * Returns the bytes written so far, by kind.
     *
     * @return the counts since the store was opened
     */
    public StoreWrites writes() {
        return new StoreWrites(pageBytes.sum(), unloggedPageBytes.sum(), metadataBytes.sum(), extensionBytes.sum());
    }

    /**
     * Returns the store's side of online backups.
     *
     * @return the backup view
     */
    public StoreBackup backup() {
        return backup;
    }

    /**
     * Makes every page written so far durable ({@code fdatasync}).
     *
     * @throws StoreFailedException if this or an earlier sync failed; the store is then fenced
     */
    public void sync() {
        checkWritable();
        if (overlay != null) {
            return; // read-only: nothing reaches the file
        }
        try {
            channel.force(false);
        } catch (IOException e) {
            throw fence("fdatasync of " + dataFile, e);
        }
    }

    /**
     * Records a checkpoint with the allocator's current state (see {@link #writeCheckpoint(long, long, byte[],
     * FreeSpaceSnapshot)}).
     *
     * @param checkpointLsn where redo starts from now on
     * @param catalogRootPageId the catalog root
     * @param userMeta the engine's {@link StoreHeader#USER_META_BYTES} bytes
     * @return the new header
     */
    public StoreHeader writeCheckpoint(long checkpointLsn, long catalogRootPageId, byte[] userMeta) {
        synchronized (checkpointLock) {
            return writeCheckpoint(checkpointLsn, catalogRootPageId, userMeta, allocator.snapshot());
        }
    }

    /**
     * Records a checkpoint: syncs the data file, writes the allocator snapshot, then the next header copy.
     * The caller has written every page the checkpoint covers and made durable every log record whose allocator
     * change the snapshot shows.
     *
     * @param checkpointLsn where redo starts from now on
     * @param catalogRootPageId the catalog root
     * @param userMeta the engine's {@link StoreHeader#USER_META_BYTES} bytes
     * @param snapshot the allocator's {@link FreePageAllocator#snapshot()}, taken after the pages were written
     * @return the new header
     * @throws StoreFailedException if a sync fails (the store is then fenced) or the store was fenced before
     */
    public StoreHeader writeCheckpoint(
            long checkpointLsn, long catalogRootPageId, byte[] userMeta, FreeSpaceSnapshot snapshot) {
        if (overlay != null) {
            throw new ReadOnlyStoreException("cannot checkpoint the store in " + directory + ": it is open read-only");
        }
        synchronized (checkpointLock) {
            sync();
            StoreHeader next = header.next(checkpointLsn, snapshot.pageCount(), catalogRootPageId, userMeta);
            try {
                metadataBytes.add(
                        FreeSpaceFile.write(config.channels(), directory, next.storeId(), next.sequence(), snapshot));
            } catch (PageboxIoException e) {
                throw reportFull(e);
            }
            metadataBytes.add(HeaderCopies.write(channel, next, writeScratch()));
            try {
                channel.force(false);
            } catch (IOException e) {
                throw fence("fdatasync of the header of " + dataFile, e);
            }
            header = next;
            allocator.withPageCount(this::truncateBeyond);
            return next;
        }
    }

    private MemorySegment writeScratch() {
        return MemorySegment.ofBuffer(ByteBuffer.allocateDirect(2 * StoreHeaderLayout.MAX_PAGE_SIZE)
                .alignedSlice(StoreHeaderLayout.MIN_PAGE_SIZE));
    }

    /** Gives back file space beyond the covered pages; a crash before this only leaves unused tail bytes. */
    private void truncateBeyond(long pageCount) {
        long length = pageCount * pageSize;
        try {
            if (channel.size() > length) {
                channel.truncate(length);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot shrink " + dataFile + " to " + length + " bytes", e);
        }
    }

    /**
     * Extends the file to cover {@code pageCount} pages with blocks allocated on the device, so that writing a page
     * of the file later never fails for want of space (a full disk then refuses only growth, where the operation
     * that needs the page fails cleanly, never a write-back or a checkpoint). The range is allocated with
     * {@code fallocate} (no data written), or else written as zeros; through a custom {@link
     * dev.pagebox.FileChannelFactory} it is always written, so that the factory sees every byte.
     */
    private void growTo(long pageCount) {
        checkWritable();
        if (overlay != null) {
            return; // read-only: new pages live in the overlay
        }
        long length = pageCount * pageSize;
        try {
            long size = channel.size();
            if (size >= length) {
                return;
            }
            if (config.channels() != FileChannelFactory.DEFAULT
                    || !FileSystems.allocate(dataFile, size, length - size)) {
                writeZeros(size, length);
            }
        } catch (IOException e) {
            throw reportFull(PageboxIoException.wrap("cannot extend " + dataFile + " to " + length + " bytes", e));
        }
    }

    private void writeZeros(long from, long to) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(1 << 20, to - from) + pageSize)
                .alignedSlice(pageSize);
        for (long offset = from; offset < to; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - offset));
            int written = channel.write(zeros, offset);
            extensionBytes.add(written);
            offset += written;
        }
    }

    /** Tells the disk-space monitor if the failure is a full disk; returns the failure to throw. */
    private PageboxIoException reportFull(PageboxIoException failure) {
        if (failure instanceof DiskFullException full) {
            space.full(full);
        }
        return failure;
    }

    private void writeFully(ByteBuffer buffer, long offset, String what) {
        try {
            int start = buffer.position();
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position() - start);
            }
        } catch (IOException e) {
            throw reportFull(PageboxIoException.wrap("cannot write " + what + " of " + dataFile, e));
        }
    }

    private void syncDirectory() {
        try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
            directoryChannel.force(true);
        } catch (IOException e) {
            throw fence("fsync of directory " + directory, e);
        }
    }

    private StoreFailedException fence(String operation, IOException cause) {
        if (failure == null) {
            failure = cause;
            LOG.log(System.Logger.Level.ERROR, "store " + directory + " is fenced: " + operation + " failed", cause);
        }
        return new StoreFailedException("store " + directory + " is fenced after a failed " + operation, failure);
    }

    /**
     * Returns the failure that fenced the store.
     *
     * @return the first failed sync, or empty while the store is healthy
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void checkOpen() {
        if (closed) {
            throw new PageboxClosedException("page store " + directory);
        }
    }

    private void checkWritable() {
        checkOpen();
        Throwable cause = failure;
        if (cause != null) {
            throw new StoreFailedException("store " + directory + " is fenced", cause);
        }
    }

    private void checkPageBuffer(MemorySegment page) {
        if (page.byteSize() != pageSize) {
            throw new IllegalArgumentException(
                    "page buffer has " + page.byteSize() + " bytes, the page size is " + pageSize);
        }
    }

    /** Releases the file and the directory lock. Does not sync: checkpoint first for a clean close. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + dataFile + " failed", e);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
