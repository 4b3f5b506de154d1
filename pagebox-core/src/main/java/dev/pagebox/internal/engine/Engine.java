/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.BackupSummary;
import dev.pagebox.CommitMode;
import dev.pagebox.DiskFullException;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxException;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxState;
import dev.pagebox.PageboxStats;
import dev.pagebox.RecoverySummary;
import dev.pagebox.internal.btree.TreeLog;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.wal.DiskSpace;
import dev.pagebox.internal.wal.RedoHolds;
import dev.pagebox.internal.wal.Wal;
import dev.pagebox.internal.wal.WalStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * An open store: page store, write-ahead log, buffer pool, catalog and the trees opened so far. This class is the
 * store's entry point: it guards every call against close ({@link InFlight}) and hands it to the part that owns it:
 * {@link OpenTrees} (opening and creating trees), {@link Batches}, {@link TreeDrops}, {@link Checkpointer},
 * {@link Backups}, and {@link WriteGate} (whether a write may start). {@link EngineOpener} wires the parts and
 * recovers the store on open.
 */
public final class Engine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final Path directory;
    private final PageboxOptions options;
    private final PageStore store;
    private final Wal wal;
    private final BufferPool pool;
    private final Catalog catalog;
    private final RecoverySummary recovery;
    private final InFlight inFlight;
    private final DiskSpace space;
    private final UserMeta userMeta;
    private final WriteGate gate;
    private final OpenTrees trees;
    private final Checkpointer checkpointer;
    private final Batches batches;
    private final TreeDrops drops;
    private final Backups backups;
    private final BulkLoads bulkLoads;
    private final RecoveryCompletion completion;

    /** The parts of a store that {@link EngineOpener} opened, each made once. */
    record Parts(
            Path directory,
            PageboxOptions options,
            DiskSpace space,
            PageStore store,
            Wal wal,
            BufferPool pool,
            PageIo io,
            TreeLog log,
            ThreadFactory threads) {}

    Engine(Parts parts, Catalog catalog, RecoverySummary recovery, UserMeta userMeta) {
        this.directory = parts.directory();
        this.options = parts.options();
        this.space = parts.space();
        this.store = parts.store();
        this.wal = parts.wal();
        this.pool = parts.pool();
        this.catalog = catalog;
        this.recovery = recovery;
        this.userMeta = userMeta;
        this.inFlight = new InFlight("the store in " + directory);
        this.gate = new WriteGate(directory, options.readOnly(), space);
        this.trees = new OpenTrees(this, catalog, pool, parts.log(), parts.io());
        this.checkpointer = new Checkpointer(directory, options, store, wal, pool, catalog, userMeta, parts.threads());
        this.batches = new Batches(directory, wal, trees, userMeta);
        this.drops = new TreeDrops(trees, catalog, checkpointer, wal, pool, parts.io());
        this.bulkLoads = new BulkLoads(trees, checkpointer);
        this.backups = new Backups(directory, options.readOnly(), store, wal, checkpointer);
        this.completion = new RecoveryCompletion(directory, store, parts.io(), catalog, trees);
    }

    /**
     * Opens or creates the store in {@code directory} and recovers it (see {@link EngineOpener}).
     *
     * @param directory the data directory, created if missing
     * @param options the options
     * @return the open engine
     */
    public static Engine open(Path directory, PageboxOptions options) {
        return EngineOpener.open(directory, options);
    }

    /**
     * The end of an open: finishes what redo could not ({@link RecoveryCompletion}), then, unless read-only,
     * checkpoints so that the next open replays nothing, and starts the background checkpoints. On a full disk the
     * store opens without that checkpoint: the log still holds everything, and the next checkpoint catches up.
     */
    void completeRecovery(StoreRecovery.Outcome outcome, boolean catalogCreated) {
        completion.complete(outcome, catalogCreated, drops, batches);
        if (!options.readOnly()) {
            checkpointer.checkpointUnlessDiskFull(
                    System.Logger.Level.WARNING,
                    "{0}: opened without the checkpoint after recovery, the disk is full: {1}");
            checkpointer.start();
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
            return trees.get(name);
        } finally {
            exit();
        }
    }

    /**
     * Applies the steps of an atomic batch ({@link Batches}).
     *
     * @param steps the steps, each naming a tree opened through {@link #tree}
     * @param mode when to return
     * @throws IllegalArgumentException if a key or value is too large, or the batch exceeds the log's record size
     */
    public void write(List<BatchStep> steps, CommitMode mode) {
        checkWritable();
        enter();
        try {
            batches.write(steps, mode);
        } finally {
            exit();
        }
    }

    /**
     * Loads sorted entries into an empty tree, creating it if the store has none ({@link BulkLoads}): all or nothing,
     * durable when this returns.
     *
     * @param name the tree's name
     * @param entries the entries, keys strictly ascending
     * @param fill the fraction of each page the loaded nodes fill, 0.5 to 1.0
     * @return the tree
     */
    public OpenTree bulkLoad(String name, Iterator<? extends Map.Entry<byte[], byte[]>> entries, double fill) {
        checkWritable();
        enter();
        try {
            return bulkLoads.load(name, entries, fill);
        } finally {
            exit();
        }
    }

    /**
     * Drops a tree: removes it from the catalog and frees its pages ({@link TreeDrops}). Calls on the tree already
     * under way finish first; later ones throw {@link PageboxClosedException}. The drop reads every page of the tree
     * (from disk where it is not cached) and checkpoints wait for it.
     *
     * @param name the tree's name
     * @return whether the store had the tree
     */
    public boolean dropTree(String name) {
        checkWritable();
        enter();
        try {
            return drops.drop(name);
        } finally {
            exit();
        }
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
     * Copies the store into an empty directory while writers go on ({@link Backups}); the copy opens as a store of
     * its own with every write acknowledged before this call.
     *
     * @param target a directory that does not exist or is empty
     * @return what was copied
     */
    public BackupSummary backup(Path target) {
        enter();
        try {
            return backups.backup(target);
        } finally {
            exit();
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

    /** Runs a checkpoint ({@link Checkpointer}); writers go on meanwhile. */
    public void checkpoint() {
        if (options.readOnly()) {
            checkWritable();
        }
        enter();
        try {
            checkpointer.checkpoint();
        } finally {
            exit();
        }
    }

    /** Checkpoints completed since the store was opened (the one at open included). */
    public long checkpoints() {
        return checkpointer.count();
    }

    /**
     * A snapshot of the counters.
     *
     * @throws PageboxClosedException if the store is closed
     */
    public PageboxStats stats() {
        enter();
        try {
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
                            Math.max(0, w.endLsn() - checkpointer.lastRedoLsn()),
                            w.syncLatencyNanos().counts(),
                            w.groupSize().counts()),
                    checkpointer.stats(),
                    DeviceWriteAccounting.of(w, pool, store.writes()),
                    recovery,
                    catalog.entries().stream().map(Catalog.Entry::name).toList());
        } finally {
            exit();
        }
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
     * Lets a write in, or refuses it before it changes anything ({@link WriteGate}).
     *
     * @throws dev.pagebox.ReadOnlyStoreException if the store is open read-only
     * @throws DiskFullException while the disk is full
     */
    public void checkWritable() {
        gate.checkWritable();
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
            trees.all().forEach(OpenTree::closeWithStore);
            try {
                checkpointer.close();
                if (options.checkpointOnClose() && !fenced && !options.readOnly()) {
                    // On a full disk the final checkpoint may not complete; the store is consistent either way, so
                    // that is a WARNING, not an exception that would suggest data was lost.
                    checkpointer.checkpointUnlessDiskFull(
                            System.Logger.Level.WARNING,
                            "{0} closed without its final checkpoint because the disk is full ({1}); every "
                                    + "acknowledged write is in the write-ahead log, and the next open replays it");
                }
            } finally {
                closeResources(fenced);
            }
        }
    }

    /**
     * Closes pool, log and store. A fenced store's log reports its failure again when closed; that failure is
     * already the store's state, so closing a fenced store only logs it.
     */
    private void closeResources(boolean fenced) {
        PageboxException failure = new PageboxException("closing the store in " + directory);
        EngineOpener.closeQuietly(failure, pool, wal, store);
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
