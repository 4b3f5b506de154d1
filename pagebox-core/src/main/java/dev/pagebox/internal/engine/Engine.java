/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.BackupSummary;
import dev.pagebox.CommitMode;
import dev.pagebox.CorruptStoreException;
import dev.pagebox.DiskFullException;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxException;
import dev.pagebox.PageboxIoException;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxState;
import dev.pagebox.PageboxStats;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.RecoverySummary;
import dev.pagebox.internal.btree.BTree;
import dev.pagebox.internal.btree.BatchTag;
import dev.pagebox.internal.btree.TreeLog;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.BufferPoolConfig;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.store.FreeSpaceSnapshot;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.PageStoreConfig;
import dev.pagebox.internal.store.StoreHeader;
import dev.pagebox.internal.wal.DiskSpace;
import dev.pagebox.internal.wal.RedoHolds;
import dev.pagebox.internal.wal.Wal;
import dev.pagebox.internal.wal.WalConfig;
import dev.pagebox.internal.wal.WalStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;

/**
 * An open store: page store, write-ahead log, buffer pool, catalog and the trees opened so far.
 *
 * <p>Opening recovers (replays the log from the last checkpoint onto the pages) before anything else touches the
 * store, then checkpoints, so a crash during the next session replays only that session's log.
 *
 * <p>A checkpoint is fuzzy: it picks the log's end as its redo point, makes every later first change of a page
 * log the page's image, writes every dirty page while writers go on, syncs, records the redo point in the store
 * header and drops the log segments before it.
 */
public final class Engine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final Path directory;
    private final PageboxOptions options;
    private final PageStore store;
    private final Wal wal;
    private final BufferPool pool;
    private final TreeLog log;
    private final PageIo io;
    private final Catalog catalog;
    private final RecoverySummary recovery;
    private final Map<String, OpenTree> trees = new ConcurrentHashMap<>();
    private final Map<Integer, OpenTree> treesById = new ConcurrentHashMap<>();
    private final Object checkpointLock = new Object();
    private final InFlight inFlight;
    private final DiskSpace space;
    private final UserMeta userMeta;
    private final Checkpointer checkpointer;
    private final AtomicLong checkpoints = new AtomicLong();
    private volatile long lastRedoLsn;
    private volatile @Nullable Instant lastCheckpoint;
    private volatile Duration lastCheckpointDuration = Duration.ZERO;
    private int nextTreeId;

    private Engine(
            Path directory,
            PageboxOptions options,
            PageStore store,
            Wal wal,
            BufferPool pool,
            Catalog catalog,
            RecoverySummary recovery,
            DiskSpace space,
            UserMeta userMeta) {
        this.directory = directory;
        this.space = space;
        this.userMeta = userMeta;
        this.options = options;
        this.store = store;
        this.wal = wal;
        this.pool = pool;
        this.log = TreeLog.of(wal);
        this.io = PageIo.of(store);
        this.catalog = catalog;
        this.recovery = recovery;
        this.inFlight = new InFlight("the store in " + directory);
        this.checkpointer = new Checkpointer(
                this::checkpointNow,
                () -> wal.endLsn() - lastRedoLsn,
                options.checkpointInterval(),
                options.checkpointWalSize(),
                BackgroundThreads.factory(options.backgroundPinning()));
        this.nextTreeId = Catalog.TREE_ID + 1;
        for (Catalog.Entry entry : catalog.entries()) {
            nextTreeId = Math.max(nextTreeId, entry.treeId() + 1);
        }
    }

    /**
     * Opens or creates the store in {@code directory} and recovers it.
     *
     * @param directory the data directory, created if missing
     * @param options the options
     * @return the open engine
     */
    public static Engine open(Path directory, PageboxOptions options) {
        DiskSpace space = new DiskSpace(directory, options.channels(), () -> headroom(directory, options));
        PageStore store = PageStore.open(directory, storeConfig(options), space);
        Wal wal = null;
        BufferPool pool = null;
        try {
            StoreHeader header = store.header();
            WalConfig walConfig = walConfig(directory, options, header.storeId());
            wal = options.readOnly()
                    ? Wal.openReadOnly(walConfig, header.checkpointLsn())
                    : Wal.open(walConfig, header.checkpointLsn(), space);
            int frames = (int) Math.min(Integer.MAX_VALUE, options.poolSize() / store.pageSize());
            StoreRecovery.Outcome outcome = StoreRecovery.run(store, wal, frames);
            RecoverySummary recovery = outcome.summary();
            LOG.log(System.Logger.Level.INFO, "{0}: {1}", directory, recovery);
            Wal log = wal;
            pool = new BufferPool(
                    new BufferPoolConfig(
                            options.poolSize(),
                            store.pageSize(),
                            10,
                            1,
                            Duration.ofSeconds(30),
                            true,
                            BackgroundThreads.factory(options.backgroundPinning())),
                    PageIo.of(store),
                    log::flush);
            long catalogRoot = store.header().catalogRootPageId();
            BTree catalogTree = catalogRoot == 0
                    ? BTree.create(pool, TreeLog.of(wal), PageIo.of(store), Catalog.TREE_ID)
                    : BTree.open(pool, TreeLog.of(wal), PageIo.of(store), Catalog.TREE_ID, catalogRoot);
            Engine engine = new Engine(
                    directory,
                    options,
                    store,
                    wal,
                    pool,
                    new Catalog(catalogTree),
                    recovery,
                    space,
                    outcome.userMeta());
            if (store.freeSpaceLost().isPresent()) {
                engine.rebuildFreeSpace(outcome.pendingDrops());
            } else {
                engine.freeOrphans(outcome, catalogRoot == 0);
            }
            engine.finishDrops(outcome.pendingDrops());
            engine.finishBatches(outcome);
            if (!options.readOnly()) {
                engine.checkpointAfterRecovery();
                engine.checkpointer.start();
            }
            return engine;
        } catch (RuntimeException | Error e) {
            closeQuietly(pool, wal, store, e);
            throw e;
        }
    }

    /**
     * The free space the store needs before it takes writes again after the disk was full: a log segment and the
     * next data-file extent (an eighth of the file, at least 1 MiB, at most 64 MiB).
     */
    private static long headroom(Path directory, PageboxOptions options) {
        long dataFile;
        try {
            dataFile = Files.size(directory.resolve(PageStore.DATA_FILE));
        } catch (IOException e) {
            dataFile = 0;
        }
        return options.walSegmentSize() + Math.clamp(dataFile / 8, 1L << 20, 64L << 20);
    }

    /**
     * The checkpoint that ends an open, so that the next open replays nothing. On a full disk the store opens
     * without it: the log still holds everything, and the next checkpoint (or open) catches up.
     */
    private void checkpointAfterRecovery() {
        try {
            checkpointNow();
        } catch (DiskFullException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0}: opened without the checkpoint after recovery, the disk is full: {1}",
                    directory,
                    e.getMessage());
        }
    }

    /** The page store's configuration for these options. */
    static PageStoreConfig storeConfig(PageboxOptions options) {
        // Read-only never creates a store, so it takes the page size of the one it finds.
        return new PageStoreConfig(
                options.readOnly() ? 0 : options.pageSize(),
                options.directIo(),
                options.channels(),
                options.readOnly());
    }

    /** The log's configuration for these options, in {@code directory/wal}. */
    static WalConfig walConfig(Path directory, PageboxOptions options, long storeId) {
        return new WalConfig(
                directory.resolve("wal"),
                options.channels(),
                options.walSegmentSize(),
                options.walBufferSize(),
                options.syncBackend(),
                options.flushInterval(),
                storeId,
                BackgroundThreads.factory(options.backgroundPinning()),
                options.logSyncListener());
    }

    private static void closeQuietly(AutoCloseable pool, AutoCloseable wal, AutoCloseable store, Throwable failure) {
        for (AutoCloseable resource : new AutoCloseable[] {pool, wal, store}) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    /**
     * Returns the tree with this name, creating it (durably) if the store has none.
     *
     * @param name the tree's name, 1 to 255 bytes of UTF-8
     * @return the tree
     */
    public OpenTree tree(String name) {
        enter();
        try {
            OpenTree tree = trees.get(name);
            if (tree != null) {
                return tree;
            }
            synchronized (trees) {
                tree = trees.get(name);
                if (tree == null) {
                    tree = new OpenTree(this, name, openOrCreate(name));
                    trees.put(name, tree);
                    treesById.put(tree.treeId(), tree);
                }
                return tree;
            }
        } finally {
            exit();
        }
    }

    private BTree openOrCreate(String name) {
        int length = name.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > 255) {
            throw new IllegalArgumentException(
                    "tree name '" + name + "' is " + length + " bytes of UTF-8; names take 1 to 255 bytes");
        }
        Catalog.Entry entry = catalog.find(name);
        if (entry != null) {
            return BTree.open(pool, log, io, entry.treeId(), entry.rootPageId());
        }
        checkWritable();
        int treeId = nextTreeId++;
        BTree tree = BTree.create(pool, log, io, treeId);
        catalog.add(new Catalog.Entry(name, treeId, tree.rootPageId()));
        return tree;
    }

    /**
     * Applies the steps of an atomic batch: logs the batch, then each step as a change tagged with the batch, so
     * that a crash leaves all of it or none of it (see {@link BatchRecord}).
     *
     * @param steps the steps, each naming a tree opened through {@link #tree}
     * @param mode when to return
     * @throws IllegalArgumentException if a key or value is too large, or the batch exceeds the log's record size
     */
    public void write(List<BatchStep> steps, CommitMode mode) {
        checkWritable();
        enter();
        List<OpenTree> entered = new ArrayList<>();
        try {
            for (BatchStep step : steps) {
                if (step.isUserMeta()) {
                    continue;
                }
                OpenTree tree = treesById.get(step.treeId());
                if (tree == null) {
                    throw new PageboxClosedException(
                            "tree id " + step.treeId() + " of the store in " + directory + " (dropped)");
                }
                if (!entered.contains(tree)) {
                    tree.enter(); // keeps a drop out until the batch is applied
                    entered.add(tree);
                }
                tree.tree().checkSizes(step.key(), step.value());
            }
            int size = BatchRecord.size(steps);
            if (size > wal.maxPayloadSize()) {
                throw new IllegalArgumentException("batch of " + size + " bytes exceeds the maximum of "
                        + wal.maxPayloadSize() + " bytes (an eighth of the smaller of walSegmentSize and "
                        + "walBufferSize); split it or raise those options");
            }
            // The hold keeps a checkpoint's redo point at or below the batch record until the last step is
            // logged, so recovery always sees the record of a batch whose steps it sees.
            RedoHolds.Hold hold = wal.holds().open();
            try {
                long batchLsn = wal.append(
                        BatchRecord.TYPE,
                        BatchRecord.encode(steps),
                        mode == CommitMode.RELAXED ? mode : CommitMode.NONE);
                applySteps(steps, batchLsn, Set.of());
            } finally {
                hold.close();
            }
            if (mode == CommitMode.STRICT) {
                wal.flushAll();
            }
        } finally {
            entered.forEach(OpenTree::exit);
            exit();
        }
    }

    private void applySteps(List<BatchStep> steps, long batchLsn, Set<Integer> done) {
        for (int index = 0; index < steps.size(); index++) {
            if (done.contains(index)) {
                continue;
            }
            BatchStep step = steps.get(index);
            if (step.isUserMeta()) {
                int slot = step.userMetaSlot();
                wal.append(
                        UserMeta.TYPE, UserMeta.record(slot, step.userMetaValue(), batchLsn, index), CommitMode.NONE);
                userMeta.set(slot, step.userMetaValue());
                continue;
            }
            OpenTree open = treesById.get(step.treeId());
            if (open == null) {
                throw new CorruptStoreException("the batch logged at LSN " + batchLsn + " names tree id "
                        + step.treeId() + ", which the catalog lacks");
            }
            BTree tree = open.tree();
            BatchTag tag = new BatchTag(batchLsn, index);
            if (step.value() == null) {
                tree.delete(step.key(), CommitMode.NONE, tag);
            } else {
                tree.put(step.key(), step.value(), CommitMode.NONE, tag);
            }
        }
    }

    /** Recovery, once the trees can be opened: applies the steps of durable batches that did not reach the log. */
    private void finishBatches(StoreRecovery.Outcome outcome) {
        if (outcome.batches().isEmpty()) {
            return;
        }
        for (Catalog.Entry entry : catalog.entries()) {
            tree(entry.name());
        }
        outcome.batches()
                .forEach((lsn, payload) -> applySteps(
                        BatchRecord.decode(payload), lsn, outcome.batchSteps().getOrDefault(lsn, Set.of())));
        wal.flushAll();
    }

    /**
     * Drops a tree: removes it from the catalog and frees its pages. Calls on the tree already under way finish
     * first; later ones throw {@link PageboxClosedException}. The drop reads every page of the tree (from disk
     * where it is not cached) and checkpoints wait for it.
     *
     * @param name the tree's name
     * @return whether the store had the tree
     */
    public boolean dropTree(String name) {
        checkWritable();
        enter();
        try {
            synchronized (trees) {
                Catalog.Entry entry = catalog.find(name);
                if (entry == null) {
                    return false;
                }
                OpenTree open = trees.remove(name);
                BTree tree;
                if (open == null) {
                    tree = BTree.open(pool, log, io, entry.treeId(), entry.rootPageId());
                } else {
                    treesById.remove(open.treeId());
                    open.closeForDrop();
                    tree = open.tree();
                }
                synchronized (checkpointLock) {
                    wal.append(
                            DropRecords.BEGIN, DropRecords.begin(entry.treeId(), entry.rootPageId()), CommitMode.NONE);
                    catalog.remove(name);
                    freeTree(tree);
                }
                return true;
            }
        } finally {
            exit();
        }
    }

    /**
     * Logs every page of a tree nobody can reach any more as freed, makes that durable, drops the tree's frames
     * and only then hands its pages to the allocator (see {@link DropRecords}).
     */
    private void freeTree(BTree tree) {
        LongStream.Builder builder = LongStream.builder();
        tree.forEachPage(builder::add);
        long[] pages = builder.build().toArray();
        int perRecord = DropRecords.pagesPerRecord(wal.maxPayloadSize());
        for (int from = 0; from < pages.length; from += perRecord) {
            int count = Math.min(perRecord, pages.length - from);
            wal.append(DropRecords.PAGES, DropRecords.pages(tree.treeId(), pages, from, count), CommitMode.NONE);
        }
        wal.append(DropRecords.END, DropRecords.end(tree.treeId()), CommitMode.NONE);
        wal.flushAll();
        pool.discardTree(tree.treeId());
        for (long page : pages) {
            io.free(page);
        }
    }

    /**
     * Recovery: frees the pages that replayed records allocated to trees the catalog does not know, and that no
     * drop in progress will free: a tree whose creation logged its root but crashed before its catalog entry was
     * durable (or the first catalog, when no checkpoint recorded it). No other record of such a tree exists, since
     * a tree is handed out only once its entry is durable.
     */
    private void freeOrphans(StoreRecovery.Outcome outcome, boolean catalogCreated) {
        Set<Integer> known = new java.util.HashSet<>(outcome.pendingDrops().keySet());
        catalog.entries().forEach(entry -> known.add(entry.treeId()));
        if (!catalogCreated) {
            known.add(Catalog.TREE_ID);
        }
        outcome.allocatedPages().forEach((treeId, pages) -> {
            if (!known.contains(treeId)) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "{0}: freeing {1} page(s) of tree id {2}, whose creation did not reach the catalog",
                        directory,
                        pages.size(),
                        treeId);
                pages.forEach(io::free);
            }
        });
    }

    /**
     * Recovery of a store whose free-space snapshot was damaged: every page was taken as allocated; now those
     * that no tree reaches (the catalog, its trees, trees being dropped, their overflow chains) are freed.
     */
    private void rebuildFreeSpace(Map<Integer, Long> pendingDrops) {
        BitSet inUse = new BitSet();
        LongConsumer mark = pageId -> inUse.set(Math.toIntExact(pageId));
        catalog.tree().forEachPage(mark);
        for (Catalog.Entry entry : catalog.entries()) {
            tree(entry.name()).tree().forEachPage(mark);
        }
        pendingDrops.forEach((treeId, rootPageId) ->
                BTree.open(pool, log, io, treeId, rootPageId).forEachPage(mark));
        long freed = store.allocator().freeAllBut(pageId -> inUse.get(Math.toIntExact(pageId)));
        LOG.log(
                System.Logger.Level.WARNING,
                "{0}: rebuilt the free-space map from the trees: {1} pages in use, {2} free",
                directory,
                inUse.cardinality(),
                freed);
    }

    /** Recovery: finishes the drops that began before a crash but did not end. */
    private void finishDrops(Map<Integer, Long> pending) {
        pending.forEach((treeId, rootPageId) -> {
            Catalog.Entry entry = catalog.find(treeId);
            if (entry != null) {
                catalog.remove(entry.name());
            }
            freeTree(BTree.open(pool, log, io, treeId, rootPageId));
        });
    }

    /** The catalog's entries (for the offline check). */
    List<Catalog.Entry> catalogEntries() {
        enter();
        try {
            return catalog.entries();
        } finally {
            exit();
        }
    }

    /** The names of the store's trees, in order. */
    public List<String> treeNames() {
        enter();
        try {
            List<String> names = new ArrayList<>();
            catalog.entries().forEach(entry -> names.add(entry.name()));
            return names;
        } finally {
            exit();
        }
    }

    /**
     * Returns a user meta slot's value.
     *
     * @param slot 0 to {@code USER_META_SLOTS - 1}
     * @return the value, 0 if never set
     */
    public long userMeta(int slot) {
        enter();
        try {
            return userMeta.get(slot);
        } finally {
            exit();
        }
    }

    /**
     * Sets a user meta slot: logged, durable as the commit mode says, and written into the header at the next
     * checkpoint.
     *
     * @param slot 0 to {@code USER_META_SLOTS - 1}
     * @param value the value
     * @param mode when to return
     */
    public void setUserMeta(int slot, long value, CommitMode mode) {
        UserMeta.checkSlot(slot);
        checkWritable();
        enter();
        try {
            long lsn;
            RedoHolds.Hold hold = wal.holds().open(); // the value in memory and its record fall on one side
            try {
                lsn = wal.append(
                        UserMeta.TYPE,
                        UserMeta.record(slot, value, 0, 0),
                        mode == CommitMode.STRICT ? CommitMode.NONE : mode);
                userMeta.set(slot, value);
            } finally {
                hold.close();
            }
            if (mode == CommitMode.STRICT) {
                wal.flush(lsn);
            }
        } finally {
            exit();
        }
    }

    /**
     * Copies the store into an empty directory while writers go on; the copy opens as a store of its own with
     * every write acknowledged before this call.
     *
     * <p>How: a checkpoint (skipped on a full disk, then the last one serves); with checkpoints held off, the data
     * file and free-space snapshots are copied (pages written meanwhile may come out old, new or torn); the log is
     * made durable to its end {@code E}; overflow pages written since the copy began are copied again (they are
     * the only pages the log does not describe, and freed pages are not reused while the backup runs); the log
     * from the checkpoint's redo point to {@code E} is copied, with nothing after {@code E}. Opening the copy
     * replays that log: every page is brought to {@code E} and torn pages are rebuilt from their images, as after a
     * crash. A store open read-only is copied as its files are.
     *
     * @param target a directory that does not exist or is empty
     * @return what was copied
     */
    public BackupSummary backup(Path target) {
        enter();
        try {
            long started = System.nanoTime();
            prepareBackupDirectory(target);
            if (options.readOnly()) {
                return copyFilesAsTheyAre(target, started);
            }
            synchronized (checkpointLock) {
                try {
                    checkpointNow();
                } catch (DiskFullException e) {
                    LOG.log(
                            System.Logger.Level.INFO,
                            "{0}: backing up from the last checkpoint, the disk is full: {1}",
                            directory,
                            e.getMessage());
                }
                long redo = store.header().checkpointLsn();
                store.beginBackup();
                try {
                    long dataBytes = store.copyDataTo(target);
                    wal.flushAll();
                    long end = wal.durableLsn();
                    store.copyUnloggedPagesTo(target);
                    long logBytes = wal.copyTo(target.resolve("wal"), redo, end);
                    syncDirectory(target);
                    return new BackupSummary(
                            target, dataBytes, logBytes, end, Duration.ofNanos(System.nanoTime() - started));
                } finally {
                    store.endBackup();
                }
            }
        } finally {
            exit();
        }
    }

    private static void prepareBackupDirectory(Path target) {
        try {
            Files.createDirectories(target);
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("backup directory " + target + " is not empty");
                }
            }
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot prepare backup directory " + target, e);
        }
    }

    /** A read-only store's files never change while it is open: a plain copy is a consistent one. */
    private BackupSummary copyFilesAsTheyAre(Path target, long started) {
        long dataBytes = 0;
        long logBytes = 0;
        try (var files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = directory.relativize(file);
                if (relative.toString().equals("pagebox.lock")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                Files.createDirectories(copy.getParent());
                long bytes = PageStore.copyFile(file, copy, -1);
                if (relative.getNameCount() > 1) {
                    logBytes += bytes;
                } else {
                    dataBytes += bytes;
                }
            }
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot copy " + directory + " to " + target, e);
        }
        syncDirectory(target);
        return new BackupSummary(
                target, dataBytes, logBytes, wal.durableLsn(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static void syncDirectory(Path target) {
        try (java.nio.channels.FileChannel channel =
                java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot sync backup directory " + target, e);
        }
    }

    /** Makes every change so far durable. */
    public void sync() {
        enter();
        try {
            wal.flushAll();
        } finally {
            exit();
        }
    }

    /** Runs a checkpoint; writers go on meanwhile. */
    public void checkpoint() {
        if (options.readOnly()) {
            checkWritable();
        }
        enter();
        try {
            checkpointNow();
        } finally {
            exit();
        }
    }

    /**
     * The checkpoint: the log's end becomes the full-image threshold, and the redo point is that end or the oldest
     * operation in progress, whichever is lower ({@link RedoHolds}); dirty pages are written; the allocator's
     * snapshot is taken and only then the log flushed, so every record whose allocator change the snapshot shows
     * is durable before the snapshot is stored.
     */
    private void checkpointNow() {
        synchronized (checkpointLock) {
            long started = System.nanoTime();
            long end = wal.endLsn();
            pool.setFullImageThreshold(end);
            long redo = wal.holds().redoPoint(end);
            pool.writeDirtyPages();
            FreeSpaceSnapshot free = store.allocator().snapshot();
            wal.flushAll();
            store.writeCheckpoint(redo, catalog.tree().rootPageId(), userMeta.toHeader(), free);
            wal.truncateBefore(redo);
            lastRedoLsn = redo;
            lastCheckpointDuration = Duration.ofNanos(System.nanoTime() - started);
            lastCheckpoint = Instant.now();
            checkpoints.incrementAndGet();
        }
    }

    /** Checkpoints completed since the store was opened (the one at open included). */
    public long checkpoints() {
        return checkpoints.get();
    }

    /**
     * A snapshot of the counters.
     *
     * @throws PageboxClosedException if the store is closed
     */
    public PageboxStats stats() {
        enter();
        try {
            return statsEntered();
        } finally {
            exit();
        }
    }

    private PageboxStats statsEntered() {
        WalStats w = wal.stats();
        return new PageboxStats(
                state(),
                directory,
                pool.stats(),
                new PageboxStats.Log(
                        w.records(),
                        w.bytes(),
                        w.syncs(),
                        w.spaceWaits(),
                        w.durableLsn(),
                        w.endLsn(),
                        Math.max(0, w.endLsn() - lastRedoLsn),
                        w.syncLatencyNanos().counts(),
                        w.groupSize().counts()),
                new PageboxStats.Checkpoints(checkpoints.get(), lastRedoLsn, lastCheckpoint, lastCheckpointDuration),
                recovery,
                catalog.entries().stream().map(Catalog.Entry::name).toList());
    }

    /**
     * The failure that fenced the store (the log's first, else the data file's), else the full disk that keeps it
     * from taking writes, if any.
     */
    public Optional<Throwable> failure() {
        Optional<Throwable> log = wal.failure();
        if (log.isPresent()) {
            return log;
        }
        Optional<Throwable> data = store.failure();
        return data.isPresent() ? data : space.current().map(Throwable.class::cast);
    }

    /** The store's health. */
    public PageboxState state() {
        if (inFlight.isClosing()) {
            return PageboxState.CLOSED;
        }
        if (wal.failure().isPresent() || store.failure().isPresent()) {
            return PageboxState.FENCED;
        }
        return space.current().isPresent() ? PageboxState.DISK_FULL : PageboxState.HEALTHY;
    }

    /**
     * Lets a write in, or refuses it before it changes anything: while the disk is full a write fails at once with
     * {@link DiskFullException} (and the first one after room was freed goes through; see {@link DiskSpace}).
     */
    public void checkWritable() {
        if (options.readOnly()) {
            throw new ReadOnlyStoreException("the store in " + directory + " is open read-only; reopen it without "
                    + "PageboxOptions.readOnly to write");
        }
        space.checkWritable();
    }

    /**
     * Enters a call that uses the store's memory; pair with {@link #exit()} in a finally block.
     *
     * @throws PageboxClosedException if the store is closing or closed
     */
    public void enter() {
        inFlight.enter();
    }

    /** Leaves a call entered with {@link #enter()}. */
    public void exit() {
        inFlight.exit();
    }

    /** What opening the store had to recover. */
    public RecoverySummary recovery() {
        return recovery;
    }

    /** The options the store was opened with. */
    public PageboxOptions options() {
        return options;
    }

    /** The data directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Refuses new calls, waits for the ones in progress, checkpoints (if the options say so and the store is not
     * fenced) and closes; later calls throw {@link PageboxClosedException}.
     */
    @Override
    public void close() {
        synchronized (inFlight) {
            if (inFlight.isClosing()) {
                return;
            }
            boolean fenced = state() == PageboxState.FENCED;
            inFlight.closeAndDrain();
            trees.values().forEach(OpenTree::closeWithStore);
            try {
                checkpointer.close();
                if (options.checkpointOnClose() && !fenced && !options.readOnly()) {
                    checkpointBeforeClose();
                }
            } finally {
                closeResources(fenced);
            }
        }
    }

    /**
     * The checkpoint that makes the next open replay nothing. On a full disk it may not complete; the store is
     * consistent either way (the last completed checkpoint and the log hold every acknowledged write), so that is
     * said in a WARNING instead of an exception that would suggest data was lost.
     */
    private void checkpointBeforeClose() {
        try {
            checkpointNow();
        } catch (DiskFullException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0} closed without its final checkpoint because the disk is full ({1}); every acknowledged "
                            + "write is in the write-ahead log, and the next open replays it",
                    directory,
                    e.getMessage());
        }
    }

    /**
     * Closes pool, log and store. A fenced store's log reports its failure again when closed; that failure is
     * already the store's state, so closing a fenced store only logs it.
     */
    private void closeResources(boolean fenced) {
        PageboxException failure = new PageboxException("closing the store in " + directory);
        closeQuietly(pool, wal, store, failure);
        if (failure.getSuppressed().length == 0) {
            return;
        }
        if (fenced) {
            LOG.log(System.Logger.Level.WARNING, "closed the fenced store in " + directory, failure);
        } else {
            throw failure;
        }
    }
}
