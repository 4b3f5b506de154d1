/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import dev.pagebox.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Pagebox} per directory, shared by every state store of an application instance and closed when the
 * last of them closes (reference counting), so the pool budget is one number for the whole instance.
 *
 * <h2>Trees and task directories</h2>
 * Each store of each task owns a family of trees (see {@link TreeNames}). Kafka Streams deletes task directories
 * on its own (tasks that moved away, {@code KafkaStreams.cleanUp()}, the wipe of a corrupted task under
 * exactly-once, {@code TopologyTestDriver.close()}). A family's state is valid only while its task directory holds
 * the family's marker file: {@link #lease} drops a family whose marker is gone before handing it out, and
 * {@link #sweep} drops such families of tasks no store has open. A family is dropped (and that made durable)
 * before its marker is written, so a crash in between only drops it again.
 *
 * <h2>Concurrency</h2>
 * The registry is guarded by the class; leases, drops and sweeps of one store by its instance lock, so a sweep
 * never drops a tree that a store is opening.
 */
final class SharedPagebox {
    private static final Logger LOG = LoggerFactory.getLogger(SharedPagebox.class);
    private static final Map<Path, SharedPagebox> OPEN = new HashMap<>();

    /** A conservative allowance for the log record header a batch's payload shares the record with. */
    private static final int RECORD_HEADER_ALLOWANCE = 4096;

    private final Path directory;
    private final Pagebox store;
    private final PageboxStoreOptions options;
    private final PageboxTree meta;
    private final Map<String, Integer> leases = new HashMap<>();
    private final AtomicLong restoreBuffered = new AtomicLong();
    private final @Nullable ScheduledExecutorService sweeper;
    private int references;
    private boolean closed;

    private SharedPagebox(Path directory, Pagebox store, PageboxStoreOptions options) {
        this.directory = directory;
        this.store = store;
        this.options = options;
        this.meta = store.tree(TreeMeta.TREE);
        long interval = options.sweepInterval().toMillis();
        if (interval > 0) {
            this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "pagebox-kafka-sweep-" + directory.getFileName());
                thread.setDaemon(true);
                return thread;
            });
            sweeper.scheduleWithFixedDelay(this::sweepQuietly, interval, interval, TimeUnit.MILLISECONDS);
        } else {
            this.sweeper = null;
        }
    }

    /**
     * Opens the Pagebox in {@code directory}, or shares the one already open there.
     *
     * @param directory the store's directory
     * @param options used only if this opens the store
     * @return the shared store; {@link #release()} it once
     */
    static SharedPagebox acquire(Path directory, PageboxStoreOptions options) {
        Path key = directory.toAbsolutePath().normalize();
        synchronized (SharedPagebox.class) {
            SharedPagebox shared = OPEN.get(key);
            if (shared == null) {
                try {
                    Files.createDirectories(key);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the Pagebox directory " + key, e);
                }
                shared = new SharedPagebox(key, Pagebox.open(key, options.pagebox()), options);
                OPEN.put(key, shared);
                shared.sweep();
            } else if (!shared.options.equals(options)) {
                LOG.warn(
                        "The Pagebox in {} is open with other options than a store asked for; it stays as opened: {}",
                        key,
                        shared.options);
            }
            shared.references++;
            return shared;
        }
    }

    /** Gives back one reference; the last one closes the store (which checkpoints it). */
    void release() {
        synchronized (SharedPagebox.class) {
            if (--references > 0) {
                sweepQuietly();
                return;
            }
            OPEN.remove(directory);
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
            synchronized (this) {
                closed = true;
                store.close();
            }
        }
    }

    /** The number of Pagebox stores open in this JVM (for tests). */
    static int openCount() {
        synchronized (SharedPagebox.class) {
            return OPEN.size();
        }
    }

    Pagebox store() {
        return store;
    }

    Path directory() {
        return directory;
    }

    PageboxStoreOptions options() {
        return options;
    }

    /**
     * Accounts for changelog records its stores hold for restoration (see {@link RestoreBuffer}).
     *
     * @param delta bytes added (positive) or written out (negative)
     * @return the bytes all stores of the instance now hold
     */
    long restoreBuffered(long delta) {
        return restoreBuffered.addAndGet(delta);
    }

    /** The bookkeeping of a tree. */
    TreeMeta meta(String tree) {
        return new TreeMeta(meta, tree);
    }

    /**
     * The most bytes of keys and values (with the per-step overhead of {@link #stepBytes}) that one atomic
     * {@link WriteBatch} of this store may carry.
     */
    int batchBudget() {
        long log = Math.min(store.options().walSegmentSize(), store.options().walBufferSize());
        return (int) Math.min(Integer.MAX_VALUE, log / 8 - RECORD_HEADER_ALLOWANCE);
    }

    /** What one step of a batch costs against {@link #batchBudget()}. */
    static int stepBytes(byte[] key, byte @Nullable [] value) {
        return 16 + key.length + (value == null ? 0 : value.length);
    }

    /**
     * Leases the family of trees of one store of one task (see {@link TreeNames}), first dropping what it held if
     * the task directory lost the family's marker (Kafka Streams wiped or moved the task), then writing the marker.
     * The store opens its trees itself once it holds the lease.
     *
     * @param family the family's name
     * @param marker the marker file in the task directory
     */
    synchronized void lease(String family, Path marker) {
        if (!names(marker, family)) {
            dropFamily(family);
            WriteBatch batch = new WriteBatch();
            meta(family).putMarker(batch, marker.toAbsolutePath().toString());
            store.write(batch, CommitMode.STRICT);
            writeMarker(marker, family);
        }
        leases.merge(family, 1, Integer::sum);
    }

    /** Gives back a lease taken by {@link #lease}. */
    synchronized void release(String family) {
        leases.computeIfPresent(family, (name, count) -> count > 1 ? count - 1 : null);
    }

    /** Empties a leased family: drops its trees and its bookkeeping (durably), keeping its marker. */
    synchronized void reset(String family) {
        TreeMeta familyMeta = meta(family);
        String marker = familyMeta.marker();
        dropFamily(family);
        if (marker != null) {
            WriteBatch batch = new WriteBatch();
            meta(family).putMarker(batch, marker);
            store.write(batch, CommitMode.STRICT);
        }
    }

    /** The names of the trees of a family: its own name for a key-value store, its segment trees otherwise. */
    List<String> treesOf(String family) {
        List<String> trees = new ArrayList<>();
        for (String tree : store.trees()) {
            if (family.equals(TreeNames.familyOf(tree))) {
                trees.add(tree);
            }
        }
        return trees;
    }

    /** Drops a family's bookkeeping and trees; durable when it returns. */
    private void dropFamily(String family) {
        WriteBatch batch = new WriteBatch();
        meta(family).deleteAll(batch);
        if (batch.size() > 0) {
            store.write(batch, CommitMode.STRICT);
        }
        int dropped = 0;
        for (String tree : treesOf(family)) {
            if (store.dropTree(tree)) {
                dropped++;
            }
        }
        if (dropped > 0) {
            LOG.info(
                    "Dropped {} Pagebox tree(s) of {} in {}: its task directory no longer names it",
                    dropped,
                    family,
                    directory);
        }
    }

    /**
     * Drops the families that no store has open and whose marker file is gone (the task moved away and Kafka
     * Streams cleaned its directory, or the state was wiped), with their trees and bookkeeping.
     *
     * @return how many families it dropped
     */
    synchronized int sweep() {
        int dropped = 0;
        if (closed) {
            return dropped;
        }
        Set<String> families = new LinkedHashSet<>();
        for (String tree : store.trees()) {
            String family = TreeNames.familyOf(tree);
            if (family != null) {
                families.add(family);
            }
        }
        for (String family : TreeMeta.markedFamilies(meta)) {
            if (TreeNames.isFamily(family)) {
                families.add(family);
            }
        }
        for (String family : families) {
            if (leases.containsKey(family)) {
                continue;
            }
            String marker = meta(family).marker();
            if (marker == null || !names(Path.of(marker), family)) {
                dropFamily(family);
                dropped++;
            }
        }
        return dropped;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("Sweeping the Pagebox in {} failed; the next sweep tries again", directory, e);
        }
    }

    private static boolean names(Path marker, String tree) {
        try {
            return Files.isRegularFile(marker)
                    && Files.readString(marker, StandardCharsets.UTF_8).equals(tree);
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeMarker(Path marker, String tree) {
        try {
            Files.createDirectories(marker.getParent());
            Path temporary = marker.resolveSibling(marker.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(tree.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Pagebox marker file " + marker, e);
        }
    }
}
