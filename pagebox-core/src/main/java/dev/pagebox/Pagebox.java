/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import dev.pagebox.internal.engine.BatchStep;
import dev.pagebox.internal.engine.Engine;
import dev.pagebox.internal.engine.OpenTree;
import dev.pagebox.internal.engine.StoreVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An embedded, durable key-value store: named trees of byte-string keys in unsigned lexicographic order, held in
 * one directory. Thread-safe; usable from platform and virtual threads.
 *
 * <pre>{@code
 * try (Pagebox store = Pagebox.open(Path.of("data"), PageboxOptions.defaults())) {
 *     PageboxTree users = store.tree("users");
 *     users.put(key, value);              // durable when it returns (STRICT, the default)
 * }
 * }</pre>
 *
 * Opening recovers every write that was acknowledged before a crash; closing checkpoints, so the next open
 * replays nothing. One process at a time may open a directory.
 */
public final class Pagebox implements AutoCloseable {
    /** The number of user meta slots ({@link #userMeta}). */
    public static final int USER_META_SLOTS = 32;

    private final Engine engine;
    private final Map<String, PageboxTree> trees = new ConcurrentHashMap<>();

    private Pagebox(Engine engine) {
        this.engine = engine;
    }

    /**
     * Opens the store in {@code directory}, creating it if there is none, and recovers it.
     *
     * @param directory the data directory
     * @param options the options
     * @return the open store
     * @throws StoreLockedException if another process has the directory open
     * @throws IncompatibleStoreException if the store was created with another page size
     * @throws CorruptStoreException if the store is damaged beyond what the log can repair
     */
    public static Pagebox open(Path directory, PageboxOptions options) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        return new Pagebox(Engine.open(directory, options));
    }

    /** Opens the store with {@link PageboxOptions#defaults()}. */
    public static Pagebox open(Path directory) {
        return open(directory, PageboxOptions.defaults());
    }

    /**
     * Checks a closed store offline, reporting every problem rather than stopping at the first: recovers it, then
     * reads every page of every tree from the file (checksums, key order, fences, overflow chains) and compares
     * the pages in use with the free-page set. A store too damaged to open (its log or its catalog) gets a report
     * with that one problem.
     *
     * @param directory the store's directory; no process may have it open
     * @param options the options to open it with
     * @return the report
     */
    public static VerifyReport verify(Path directory, PageboxOptions options) {
        return StoreVerifier.verify(directory, options);
    }

    /**
     * Returns the tree with this name, creating it if the store has none.
     *
     * @param name 1 to 255 bytes of UTF-8
     * @return the tree
     */
    public PageboxTree tree(String name) {
        Objects.requireNonNull(name, "name");
        OpenTree open = engine.tree(name);
        return trees.compute(name, (n, known) -> known != null && known.open() == open ? known : new PageboxTree(open));
    }

    /**
     * Loads sorted entries into an empty tree at the speed of sequential writes: leaves are built bottom-up at the
     * options' fill, the levels above them from their separators, and the pages are written straight to the data
     * file (not through the log), synced, and attached to the tree by one log record. The load is all or nothing:
     * after a crash the tree holds every entry or none, and no page is leaked. Memory use does not depend on the
     * input's size (a few pages per tree level), so the input may be many times the memory budget. Durable when
     * this returns.
     *
     * <p>The tree is created if the store has none; an existing tree must be empty. Writes to the tree during the
     * load make it fail at its end.
     *
     * @param name the tree's name
     * @param sortedEntries the entries, keys strictly ascending in unsigned byte order; consumed once
     * @param options the fill
     * @return the tree
     * @throws IllegalArgumentException if a key is not above the one before it (the message names the position), or
     *     a key or value is too large; nothing is loaded and the pages written are freed
     * @throws IllegalStateException if the tree is not empty, or was written to during the load
     */
    public PageboxTree bulkLoad(
            String name, Iterator<? extends Map.Entry<byte[], byte[]>> sortedEntries, BulkLoadOptions options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sortedEntries, "sortedEntries");
        Objects.requireNonNull(options, "options");
        engine.bulkLoad(name, sortedEntries, options.fill());
        return tree(name);
    }

    /** Loads sorted entries into an empty tree with {@link BulkLoadOptions#defaults()}; see above. */
    public PageboxTree bulkLoad(String name, Iterator<? extends Map.Entry<byte[], byte[]>> sortedEntries) {
        return bulkLoad(name, sortedEntries, BulkLoadOptions.defaults());
    }

    /**
     * Drops a tree and frees its pages. Calls on it already under way finish first; later calls on its handles
     * throw {@link PageboxClosedException}. The drop is durable when this returns, and a crash during it is
     * finished by recovery. It reads every page of the tree, so it takes time in proportion to the tree's size;
     * checkpoints wait for it.
     *
     * @param name the tree's name
     * @return whether the store had the tree
     */
    public boolean dropTree(String name) {
        Objects.requireNonNull(name, "name");
        boolean dropped = engine.dropTree(name);
        trees.remove(name);
        return dropped;
    }

    /** The names of the store's trees, in order. */
    public List<String> trees() {
        return engine.treeNames();
    }

    /**
     * Writes a batch atomically: after a crash, all of its steps are in the store or none is.
     *
     * @param batch the steps, on trees of this store
     * @param mode when to return
     * @throws IllegalArgumentException if a key or value is too large, a tree is from another store, or the batch
     *     is larger than a log record may be
     */
    public void write(WriteBatch batch, CommitMode mode) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(mode, "mode");
        List<BatchStep> steps = new ArrayList<>(batch.size());
        for (WriteBatch.Step step : batch.steps()) {
            PageboxTree tree = step.tree();
            if (tree == null) {
                steps.add(BatchStep.userMeta(step.slot(), step.slotValue()));
                continue;
            }
            if (tree.open().owner() != engine) {
                throw new IllegalArgumentException("tree " + tree.name() + " is not a tree of this store");
            }
            steps.add(new BatchStep(tree.open().treeId(), step.key(), step.value()));
        }
        engine.write(steps, mode);
    }

    /** Writes a batch atomically with the store's commit mode. */
    public void write(WriteBatch batch) {
        write(batch, engine.options().commitMode());
    }

    /**
     * Makes a consistent copy of the store in a directory while writers go on: the copy opens as a store of its
     * own (read-write or {@link PageboxOptions#readOnly()}) and holds every write acknowledged before this call.
     * The live store is never put at risk: a crash during a backup leaves it as it was, and the incomplete copy
     * is to be discarded. Checkpoints wait while the copy runs.
     *
     * @param target a directory that does not exist or is empty, outside the store's directory, preferably on
     *     another device
     * @return what was copied
     * @throws IllegalArgumentException if the directory is not empty, or is inside the store's directory
     * @throws PageboxIoException if the copy cannot be written
     */
    public BackupSummary backup(Path target) {
        Objects.requireNonNull(target, "target");
        return engine.backup(target.toAbsolutePath().normalize());
    }

    /**
     * Returns a user meta slot: one of {@value #USER_META_SLOTS} 64-bit values an application keeps with the store
     * (a schema version, an offset of an external system), 0 until set.
     *
     * @param slot 0 to {@value #USER_META_SLOTS} - 1
     * @return the value
     */
    public long userMeta(int slot) {
        return engine.userMeta(slot);
    }

    /**
     * Sets a user meta slot with the store's commit mode: logged like any write, so it survives crashes as a put
     * does; inside a {@link WriteBatch} ({@link WriteBatch#setUserMeta}) it is atomic with the batch's data.
     *
     * @param slot 0 to {@value #USER_META_SLOTS} - 1
     * @param value the value
     */
    public void setUserMeta(int slot, long value) {
        setUserMeta(slot, value, engine.options().commitMode());
    }

    /**
     * Sets a user meta slot with a commit mode.
     *
     * @param slot 0 to {@value #USER_META_SLOTS} - 1
     * @param value the value
     * @param mode when the call returns
     */
    public void setUserMeta(int slot, long value, CommitMode mode) {
        Objects.requireNonNull(mode, "mode");
        engine.setUserMeta(slot, value, mode);
    }

    /** Makes every write so far durable, whatever its commit mode. */
    public void sync() {
        engine.sync();
    }

    /** Writes every changed page and moves the recovery start point (writers go on meanwhile). */
    public void checkpoint() {
        engine.checkpoint();
    }

    /**
     * The store's health: {@link PageboxState#HEALTHY}; {@link PageboxState#DISK_FULL} while writes are refused for
     * want of disk space (reads go on, and the store takes writes again by itself once there is room);
     * {@link PageboxState#FENCED} read-only after an I/O failure, until reopened; or {@link PageboxState#CLOSED}. A
     * store opened {@link PageboxOptions#readOnly() read-only} is {@code HEALTHY} while it can be read.
     */
    public PageboxState state() {
        return engine.state();
    }

    /**
     * What keeps the store from taking writes, for monitoring: the I/O failure that fenced it (a failed log write
     * or sync, or a failed data-file sync), else the {@link DiskFullException} of a full disk; empty while the
     * store is healthy.
     */
    public Optional<Throwable> failure() {
        return engine.failure();
    }

    /**
     * Whether the store is {@link PageboxState#HEALTHY}. A read-only store is healthy, though it refuses writes
     * ({@link PageboxOptions#readOnly()}).
     */
    public boolean isHealthy() {
        return state() == PageboxState.HEALTHY;
    }

    /** A snapshot of the store's counters: pool, log, checkpoints, recovery. */
    public PageboxStats stats() {
        return engine.stats();
    }

    /** What opening the store had to recover. */
    public RecoverySummary recovery() {
        return engine.recovery();
    }

    /** The options the store was opened with. */
    public PageboxOptions options() {
        return engine.options();
    }

    /** Checkpoints (unless turned off in the options) and closes the store. */
    @Override
    public void close() {
        engine.close();
    }
}
