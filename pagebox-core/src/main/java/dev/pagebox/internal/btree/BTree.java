/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.CorruptPageException;
import dev.pagebox.PageboxTreeStats;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A concurrent B+tree over the buffer pool (DESIGN.md decision 10): keys and values are byte strings ordered by
 * unsigned lexicographic comparison. This class is the tree's entry point: it checks input, and hands each operation
 * to the part that owns it (see the package's overview).
 *
 * <h2>Concurrency</h2>
 * Optimistic lock coupling: a descent reads every node optimistically and validates the parent after reaching
 * the child, so readers take no latch at all ({@link TreeAccess}). A change upgrades only the leaf (and, for a split
 * or merge, the parent and sibling) to exclusive, with try-upgrades that restart the operation instead of waiting,
 * so operations never deadlock and structure changes in different subtrees run in parallel. Splits and merges are
 * separate steps ({@link TreeStructure}); the operation that needed one restarts after it.
 *
 * <h2>Logging</h2>
 * Every change is appended to the log while its latches are held, as one {@link TreeRecords} record, then
 * applied with {@link NodeOps} and stamped with the record's LSN. The first change to a page after a checkpoint
 * first logs the page's image ({@link FullPageImages}). A {@code STRICT} caller waits for durability after
 * releasing its latches.
 *
 * <h2>Limits</h2>
 * Keys up to an eighth of the page; values up to {@link #MAX_VALUE_LENGTH}. A leaf entry larger than a quarter
 * of the page keeps its value in overflow pages ({@link OverflowValues}), so every node split leaves both halves
 * room for another entry.
 */
public final class BTree {
    /** The largest value a tree stores. */
    public static final int MAX_VALUE_LENGTH = 16 << 20;

    /** What a lookup's attempt returns for a key that is absent (null would mean: restart). */
    private static final byte[] ABSENT = new byte[0];

    private final TreeAccess access;
    private final Frames frames;
    private final long rootPageId;
    private final int pageSize;
    private final int maxKeyLength;
    private final FullPageImages images;
    private final ValueReader values;
    private final LeafWriter writer;
    private final LevelWalks walks;
    private final BufferPool pool;
    private final TreeLog log;
    private final PageIo io;

    private BTree(BufferPool pool, TreeLog log, PageIo io, int treeId, long rootPageId, int rootFrame) {
        this.access = new TreeAccess(pool, treeId, rootFrame);
        this.pool = pool;
        this.log = log;
        this.io = io;
        this.frames = pool.frames();
        this.rootPageId = rootPageId;
        this.pageSize = pool.pageSize();
        this.maxKeyLength = pageSize / 8;
        OverflowValues overflow = new OverflowValues(io, log, pageSize);
        this.images = new FullPageImages(access, log);
        this.values = new ValueReader(frames, overflow);
        this.writer = new LeafWriter(access, log, overflow, images, new TreeStructure(access, log, images));
        this.walks = new LevelWalks(access, overflow);
        long needed = 2L * pageSize + 2L * 8 * overflow.pagesFor(MAX_VALUE_LENGTH) + 2 * maxKeyLength + 256;
        if (log.maxPayloadSize() < needed) {
            throw new IllegalArgumentException("the log's largest record (" + log.maxPayloadSize()
                    + " bytes) is too small for " + pageSize + "-byte pages: at least " + needed
                    + " bytes are needed; raise WalConfig.bufferSize and segmentSize");
        }
        frames.registerOwner(treeId, new TreeOwner(access));
    }

    /**
     * Creates an empty tree: a root leaf, pinned, logged as an image.
     *
     * @param pool the buffer pool
     * @param log where changes are logged
     * @param io the page store, for overflow values
     * @param treeId the tree's id in its pages' headers, above 0
     * @return the tree
     */
    public static BTree create(BufferPool pool, TreeLog log, PageIo io, int treeId) {
        try (RedoHolds.Hold hold = log.hold()) {
            Frames frames = pool.frames();
            int frame = pool.newPage(treeId, PageType.BTREE_LEAF, hold);
            BTree tree;
            try {
                NodeBuilder.start(frames.page(frame), true, 0, null, null);
                pool.pin(frame);
                tree = new BTree(pool, log, io, treeId, frames.pageId(frame), frame);
                tree.images.logImage(frame);
                frames.markDirty(frame);
            } finally {
                frames.unlockExclusive(frame);
            }
            return tree;
        }
    }

    /**
     * Opens a tree whose root page exists.
     *
     * @param rootPageId the root page (never moves)
     * @return the tree
     * @throws CorruptPageException if the root is damaged or not this tree's
     */
    public static BTree open(BufferPool pool, TreeLog log, PageIo io, int treeId, long rootPageId) {
        int frame = pool.fixPinned(rootPageId);
        MemorySegment root = pool.frames().page(frame);
        int type = PageHeaderLayout.typeCode(root);
        if ((type != PageType.BTREE_LEAF.code() && type != PageType.BTREE_INNER.code())
                || PageHeaderLayout.treeId(root) != treeId) {
            throw io.corrupt(rootPageId, "not the root of tree " + treeId);
        }
        return new BTree(pool, log, io, treeId, rootPageId, frame);
    }

    /** The root page's id, which never changes. */
    public long rootPageId() {
        return rootPageId;
    }

    /** The tree's id. */
    public int treeId() {
        return access.treeId();
    }

    /** The longest key this tree takes: an eighth of the page size. */
    public int maxKeyLength() {
        return maxKeyLength;
    }

    // ---------------------------------------------------------------- reads

    /**
     * Looks up a key.
     *
     * @param key the key
     * @return a copy of the value, or null if absent
     */
    public byte @Nullable [] get(byte[] key) {
        MemorySegment k = checkKey(key);
        byte[] value = access.untilValid(new Descent(), d -> lookUp(k, d));
        return value == ABSENT ? null : value;
    }

    /** One attempt of {@link #get}: the value, {@link #ABSENT}, or null to restart. */
    private byte @Nullable [] lookUp(MemorySegment key, Descent d) {
        if (!access.descend(key, 0, d)) {
            return null;
        }
        MemorySegment page = frames.page(d.frame);
        int found = Node.search(page, key);
        if ((found & 1) == 0) {
            return frames.validate(d.frame, d.stamp) ? ABSENT : null;
        }
        return values.read(page, found >>> 1, d);
    }

    /** Whether the tree holds the key. */
    public boolean contains(byte[] key) {
        MemorySegment k = checkKey(key);
        return access.untilValid(new Descent(), d -> {
            if (!access.descend(k, 0, d)) {
                return null;
            }
            boolean found = (Node.search(frames.page(d.frame), k) & 1) != 0;
            return frames.validate(d.frame, d.stamp) ? found : null;
        });
    }

    /** A new cursor, not yet positioned. */
    public TreeCursor cursor() {
        return new TreeCursor(access, values);
    }

    /**
     * Visits the entries between two bounds in key order, or in reverse.
     *
     * @param from the lower bound, null for none
     * @param fromInclusive whether an entry equal to {@code from} is visited
     * @param to the upper bound, null for none
     * @param toInclusive whether an entry equal to {@code to} is visited
     * @param reverse whether to go from the upper bound down
     * @param visitor receives the entries until it returns false
     */
    public void scan(
            byte @Nullable [] from,
            boolean fromInclusive,
            byte @Nullable [] to,
            boolean toInclusive,
            boolean reverse,
            EntryVisitor visitor) {
        TreeCursor cursor = cursor();
        MemorySegment lower = from == null ? null : MemorySegment.ofArray(from);
        MemorySegment upper = to == null ? null : MemorySegment.ofArray(to);
        boolean positioned;
        if (reverse) {
            positioned = to == null ? cursor.last() : toInclusive ? cursor.seekForPrev(to) : cursor.seekBefore(to);
        } else {
            positioned = from == null ? cursor.first() : fromInclusive ? cursor.seek(from) : cursor.seekAfter(from);
        }
        while (positioned) {
            MemorySegment key = cursor.key();
            MemorySegment stop = reverse ? lower : upper;
            if (stop != null) {
                int cmp = Keys.compare(key, stop) * (reverse ? -1 : 1);
                if (cmp > 0 || (cmp == 0 && !(reverse ? fromInclusive : toInclusive))) {
                    return;
                }
            }
            if (!visitor.visit(key, cursor.value())) {
                return;
            }
            positioned = reverse ? cursor.previous() : cursor.next();
        }
    }

    /** Visits the entries whose keys start with {@code prefix}, in key order or in reverse. */
    public void scanPrefix(byte[] prefix, boolean reverse, EntryVisitor visitor) {
        scan(prefix, true, Keys.prefixEnd(prefix), false, reverse, visitor);
    }

    /**
     * Counts pages, entries and bytes level by level, reading nodes optimistically (no latch is held, so a busy
     * tree's figures are approximate).
     *
     * @param name the tree's name, for the report
     * @return the tree's shape and size
     */
    public PageboxTreeStats stats(String name) {
        return walks.stats(name);
    }

    /**
     * Reports the id of every page of the tree: its nodes, level by level, and its overflow chains. For dropping
     * the tree: the caller keeps writers out, since a split during the walk could hide a page from it.
     *
     * @param sink receives each page id once
     */
    public void forEachPage(LongConsumer sink) {
        walks.forEachPage(sink);
    }

    // ---------------------------------------------------------------- writes

    /**
     * Inserts or replaces an entry.
     *
     * @return true if it replaced one
     */
    public boolean put(byte[] key, byte[] value, CommitMode mode) {
        return upsert(key, value, false, mode, BatchTag.NONE);
    }

    /**
     * Inserts or replaces an entry as a step of an atomic batch.
     *
     * @return true if it replaced one
     */
    public boolean put(byte[] key, byte[] value, CommitMode mode, BatchTag tag) {
        return upsert(key, value, false, mode, tag);
    }

    /**
     * Inserts an entry unless the key is present.
     *
     * @return true if it inserted
     */
    public boolean insert(byte[] key, byte[] value, CommitMode mode) {
        return !upsert(key, value, true, mode, BatchTag.NONE);
    }

    /** Returns whether the key was present (and left it unchanged if {@code onlyIfAbsent}). */
    private boolean upsert(byte[] key, byte[] value, boolean onlyIfAbsent, CommitMode mode, BatchTag tag) {
        MemorySegment k = checkKey(key);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(mode, "mode");
        checkValue(value);
        return writer.upsert(k, value, onlyIfAbsent, mode, tag);
    }

    /**
     * Deletes an entry.
     *
     * @return true if it was present
     */
    public boolean delete(byte[] key, CommitMode mode) {
        return delete(key, mode, BatchTag.NONE);
    }

    /**
     * Deletes an entry as a step of an atomic batch (logged even if the key is absent).
     *
     * @return true if it was present
     */
    public boolean delete(byte[] key, CommitMode mode, BatchTag tag) {
        MemorySegment k = checkKey(key);
        Objects.requireNonNull(mode, "mode");
        return writer.delete(k, mode, tag);
    }

    /**
     * Starts a bulk load of sorted entries into this tree, which must be empty when the load attaches
     * ({@link BulkLoader}). Close the loader in every case.
     *
     * @param fill the fraction of each page the loaded nodes fill, 0.5 to 1.0
     * @return the loader
     */
    public BulkLoader bulkLoader(double fill) {
        return new BulkLoader(pool, log, io, access, rootPageId, fill);
    }

    // ---------------------------------------------------------------- limits

    /**
     * Checks a key and value against the limits without writing (for a batch, before it is logged).
     *
     * @param value the value, or null for a delete
     * @throws IllegalArgumentException naming the size and the limit
     */
    public void checkSizes(byte[] key, byte @Nullable [] value) {
        checkKey(key);
        if (value != null) {
            checkValue(value);
        }
    }

    private MemorySegment checkKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length > maxKeyLength) {
            throw new IllegalArgumentException("key of " + key.length + " bytes exceeds the maximum of " + maxKeyLength
                    + " bytes (an eighth of the " + pageSize + "-byte page)");
        }
        return MemorySegment.ofArray(key);
    }

    private static void checkValue(byte[] value) {
        if (value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(
                    "value of " + value.length + " bytes exceeds the maximum of " + MAX_VALUE_LENGTH + " bytes");
        }
    }

    /** Optimistic restarts so far (contention and races with eviction). */
    public long restarts() {
        return access.restarts();
    }

    /** How the tree's parts reach its nodes (for tests). */
    TreeAccess access() {
        return access;
    }

    /** The root's frame (for tests). */
    int rootFrame() {
        return access.rootFrame();
    }
}
