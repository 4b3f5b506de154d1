/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.CorruptPageException;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A concurrent B+tree over the buffer pool (DESIGN.md decision 10): keys and values are byte strings ordered by
 * unsigned lexicographic comparison.
 *
 * <h2>Concurrency</h2>
 * Optimistic lock coupling: a descent reads every node optimistically and validates the parent after reaching
 * the child, so readers take no latch at all. A change upgrades only the leaf (and, for a split or merge, the
 * parent and sibling) to exclusive, with try-upgrades that restart the operation instead of waiting, so
 * operations never deadlock and structure changes in different subtrees run in parallel. Splits and merges are
 * separate steps ({@link TreeStructure}); the operation that needed one restarts after it.
 *
 * <h2>Logging</h2>
 * Every change is appended to the log while its latches are held, as one {@link TreeRecords} record, then
 * applied with {@link NodeOps} and stamped with the record's LSN. The first change to a page after a checkpoint
 * first logs the page's image. A {@code STRICT} caller waits for durability after releasing its latches.
 *
 * <h2>Limits</h2>
 * Keys up to an eighth of the page; values up to {@link #MAX_VALUE_LENGTH}. A leaf entry larger than a quarter
 * of the page keeps its value in overflow pages ({@link OverflowValues}), so every node split leaves both halves
 * room for another entry.
 */
public final class BTree {
    /** The largest value a tree stores. */
    public static final int MAX_VALUE_LENGTH = 16 << 20;

    private static final long[] NONE = TreeRecords.noPages();

    private final BufferPool pool;
    private final Frames frames;
    private final TreeLog log;
    private final OverflowValues overflow;
    private final int treeId;
    private final long rootPageId;
    private final int rootFrame;
    private final int pageSize;
    private final int maxKeyLength;
    private final int maxInlineEntry;
    private final TreeStructure structure;
    private final LongAdder restarts = new LongAdder();

    private BTree(BufferPool pool, TreeLog log, PageIo io, int treeId, long rootPageId, int rootFrame) {
        this.pool = pool;
        this.frames = pool.frames();
        this.log = log;
        this.overflow = new OverflowValues(io, log, pool.pageSize());
        this.treeId = treeId;
        this.rootPageId = rootPageId;
        this.rootFrame = rootFrame;
        this.pageSize = pool.pageSize();
        this.maxKeyLength = pageSize / 8;
        this.maxInlineEntry = pageSize / 4;
        this.structure = new TreeStructure(this);
        long needed = 2L * pageSize + 2L * 8 * overflow.pagesFor(MAX_VALUE_LENGTH) + 2 * maxKeyLength + 256;
        if (log.maxPayloadSize() < needed) {
            throw new IllegalArgumentException("the log's largest record (" + log.maxPayloadSize()
                    + " bytes) is too small for " + pageSize + "-byte pages: at least " + needed
                    + " bytes are needed; raise WalConfig.bufferSize and segmentSize");
        }
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
            long rootPageId = frames.pageId(frame);
            BTree tree;
            try {
                NodeBuilder.start(frames.page(frame), true, 0, null, null);
                pool.pin(frame);
                tree = new BTree(pool, log, io, treeId, rootPageId, frame);
                frames.registerOwner(treeId, tree.owner());
                long lsn = log.append(
                        TreeRecords.IMAGE, TreeRecords.image(treeId, rootPageId, frames.page(frame)), CommitMode.NONE);
                PageHeaderLayout.setPageLsn(frames.page(frame), lsn);
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
        BTree tree = new BTree(pool, log, io, treeId, rootPageId, frame);
        pool.frames().registerOwner(treeId, tree.owner());
        return tree;
    }

    /** The root page's id, which never changes. */
    public long rootPageId() {
        return rootPageId;
    }

    /** The tree's id. */
    public int treeId() {
        return treeId;
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
        Descent d = new Descent();
        while (true) {
            try {
                if (descend(k, 0, d)) {
                    MemorySegment page = frames.page(d.frame);
                    int found = Node.search(page, k);
                    if ((found & 1) == 0) {
                        if (frames.validate(d.frame, d.stamp)) {
                            return null;
                        }
                    } else {
                        byte[] value = readValue(page, found >>> 1, d);
                        if (value != null) {
                            return value;
                        }
                    }
                }
            } catch (OptimisticRestart | IndexOutOfBoundsException e) {
                checkTorn(d, e);
            }
            restarts.increment();
        }
    }

    /** Whether the tree holds the key. */
    public boolean contains(byte[] key) {
        MemorySegment k = checkKey(key);
        Descent d = new Descent();
        while (true) {
            try {
                if (descend(k, 0, d)) {
                    boolean found = (Node.search(frames.page(d.frame), k) & 1) != 0;
                    if (frames.validate(d.frame, d.stamp)) {
                        return found;
                    }
                }
            } catch (OptimisticRestart | IndexOutOfBoundsException e) {
                checkTorn(d, e);
            }
            restarts.increment();
        }
    }

    /**
     * Copies the value of slot {@code index} of a leaf read optimistically.
     *
     * @return the value, or null if the leaf changed (restart)
     */
    byte @Nullable [] readValue(MemorySegment page, int index, Descent d) {
        int offset = Node.valueOffset(page, index);
        int length = Node.inlineValueLength(page, index);
        if (!Node.isOverflow(page, index)) {
            byte[] value = new byte[length];
            MemorySegment.copy(page, offset, MemorySegment.ofArray(value), 0, length);
            return frames.validate(d.frame, d.stamp) ? value : null;
        }
        OverflowRef ref = OverflowRef.read(page, offset);
        if (!frames.validate(d.frame, d.stamp)) {
            return null;
        }
        OptimisticRestart.check(ref.length() <= MAX_VALUE_LENGTH);
        byte[] value = new byte[(int) ref.length()];
        try {
            overflow.read(ref, MemorySegment.ofArray(value));
        } catch (CorruptPageException e) {
            if (!frames.validate(d.frame, d.stamp)) {
                return null; // the value was replaced and its pages reused while we read them
            }
            throw e;
        }
        // The pages are freed only after the leaf drops the reference, which would fail this validation.
        return frames.validate(d.frame, d.stamp) ? value : null;
    }

    /** A new cursor, not yet positioned. */
    public TreeCursor cursor() {
        return new TreeCursor(this);
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

    /** Counts pages, entries and bytes level by level, reading nodes optimistically (no latch is held). */
    public TreeStats stats() {
        int height = height();
        StatsWalk walk = new StatsWalk();
        for (int level = 0; level < height; level++) {
            walkLevel(level, walk);
        }
        long pages = walk.inner + walk.leaves;
        return new TreeStats(
                height, walk.inner, walk.leaves, walk.overflowPages, walk.entries, walk.used, pages * pageSize);
    }

    /**
     * Reports the id of every page of the tree: its nodes, level by level, and its overflow chains. For dropping
     * the tree: the caller keeps writers out, since a split during the walk could hide a page from it.
     *
     * @param sink receives each page id once
     */
    public void forEachPage(LongConsumer sink) {
        int height = height();
        PagesWalk walk = new PagesWalk(sink);
        for (int level = 0; level < height; level++) {
            walkLevel(level, walk);
        }
    }

    private int height() {
        Descent d = new Descent();
        while (true) {
            try {
                if (descend(null, Integer.MAX_VALUE, d)) {
                    int level = NodeLayout.level(frames.page(d.frame));
                    if (frames.validate(d.frame, d.stamp)) {
                        return level + 1;
                    }
                }
            } catch (OptimisticRestart | IndexOutOfBoundsException e) {
                checkTorn(d, e);
            }
        }
    }

    /** What a walk over one level does with each node: read it optimistically, then take what was valid. */
    private interface LevelWalk {
        /** Reads a node; the read may be torn and is then repeated. */
        void read(MemorySegment page);

        /** The last read was consistent. */
        void accept();
    }

    /** Visits the nodes of one level left to right, each read once consistently. */
    private void walkLevel(int level, LevelWalk walk) {
        MemorySegment from = MemorySegment.ofArray(new byte[0]);
        Descent d = new Descent();
        while (true) {
            try {
                if (descend(from, level, d)) {
                    MemorySegment page = frames.page(d.frame);
                    if (NodeLayout.level(page) != level) {
                        return; // the tree lost a level meanwhile
                    }
                    walk.read(page);
                    byte @Nullable [] upper = Node.upperFence(page);
                    if (frames.validate(d.frame, d.stamp)) {
                        walk.accept();
                        if (upper == null) {
                            return;
                        }
                        from = MemorySegment.ofArray(Arrays.copyOf(upper, upper.length + 1));
                        continue;
                    }
                }
            } catch (OptimisticRestart | IndexOutOfBoundsException e) {
                checkTorn(d, e);
            }
            restarts.increment();
        }
    }

    /** Sums the sizes of {@link #stats()}. */
    private final class StatsWalk implements LevelWalk {
        long inner;
        long leaves;
        long overflowPages;
        long entries;
        long used;
        private boolean leaf;
        private int count;
        private long nodeUsed;
        private long nodeOverflowPages;

        @Override
        public void read(MemorySegment page) {
            leaf = Node.isLeaf(page);
            count = Node.count(page, Node.slotSize(page));
            nodeUsed = Node.usedBytes(page);
            nodeOverflowPages = 0;
            for (int i = 0; leaf && i < count; i++) {
                if (Node.isOverflow(page, i)) {
                    nodeOverflowPages += overflow.pagesFor(
                            OverflowRef.read(page, Node.valueOffset(page, i)).length());
                }
            }
        }

        @Override
        public void accept() {
            if (leaf) {
                leaves++;
                entries += count;
            } else {
                inner++;
            }
            overflowPages += nodeOverflowPages;
            used += nodeUsed;
        }
    }

    /** Reports page ids for {@link #forEachPage}: the node's, then its overflow chains' (read from disk). */
    private final class PagesWalk implements LevelWalk {
        private final LongConsumer sink;
        private final List<OverflowRef> refs = new ArrayList<>();
        private long pageId;

        PagesWalk(LongConsumer sink) {
            this.sink = sink;
        }

        @Override
        public void read(MemorySegment page) {
            pageId = PageHeaderLayout.pageId(page);
            refs.clear();
            if (Node.isLeaf(page)) {
                int count = Node.count(page, Node.slotSize(page));
                for (int i = 0; i < count; i++) {
                    if (Node.isOverflow(page, i)) {
                        refs.add(OverflowRef.read(page, Node.valueOffset(page, i)));
                    }
                }
            }
        }

        @Override
        public void accept() {
            sink.accept(pageId);
            for (OverflowRef ref : refs) {
                for (long page : overflow.chain(ref)) {
                    sink.accept(page);
                }
            }
        }
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
        if (value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(
                    "value of " + value.length + " bytes exceeds the maximum of " + MAX_VALUE_LENGTH + " bytes");
        }
        MemorySegment v = MemorySegment.ofArray(value);
        WriteResult result = new WriteResult();
        try {
            long[] allocated = NONE;
            MemorySegment inline = v;
            int valueWord = value.length;
            if (NodeLayout.LEAF_SLOT + key.length + value.length > maxInlineEntry) {
                allocated = overflow.write(treeId, v, result.hold());
                inline = new OverflowRef(value.length, allocated[0]).encode();
                valueWord = OverflowRef.SIZE | NodeLayout.OVERFLOW_FLAG;
            }
            try {
                writeLeaf(k, inline, valueWord, allocated, onlyIfAbsent, mode, tag, result);
            } finally {
                if (allocated.length > 0 && !result.changed) {
                    overflow.free(allocated); // never referenced by a logged record
                }
            }
            finish(result, mode);
            return result.existed;
        } finally {
            result.closeHold();
        }
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
        WriteResult result = new WriteResult();
        try {
            writeLeaf(k, null, 0, NONE, false, mode, tag, result);
            finish(result, mode);
        } finally {
            result.closeHold();
        }
        if (result.underfull) {
            structure.tryMerge(k, 0);
        }
        return result.existed;
    }

    /**
     * What a leaf change did, and the hold on the redo point it opened if it allocates or frees overflow pages
     * (from before the allocation or the record that drops a chain until the pages are freed).
     */
    private final class WriteResult {
        boolean existed;
        boolean changed;
        boolean logged;
        boolean underfull;
        long lsn;
        long[] freed = NONE;
        private RedoHolds.@Nullable Hold hold;

        RedoHolds.Hold hold() {
            if (hold == null) {
                hold = log.hold();
            }
            return hold;
        }

        void closeHold() {
            if (hold != null) {
                hold.close();
            }
        }
    }

    /**
     * Puts ({@code inline != null}) or deletes a key in its leaf, splitting first when the leaf is full.
     */
    private void writeLeaf(
            MemorySegment key,
            @Nullable MemorySegment inline,
            int valueWord,
            long[] allocated,
            boolean onlyIfAbsent,
            CommitMode mode,
            BatchTag tag,
            WriteResult result) {
        Descent d = new Descent();
        while (true) {
            try {
                if (descend(key, 0, d)
                        && tryWriteLeaf(key, inline, valueWord, allocated, onlyIfAbsent, mode, tag, d, result)) {
                    return;
                }
            } catch (OptimisticRestart | IndexOutOfBoundsException e) {
                checkTorn(d, e);
            }
            restarts.increment();
        }
    }

    /** One attempt at a leaf change; false means restart. */
    private boolean tryWriteLeaf(
            MemorySegment key,
            @Nullable MemorySegment inline,
            int valueWord,
            long[] allocated,
            boolean onlyIfAbsent,
            CommitMode mode,
            BatchTag tag,
            Descent d,
            WriteResult result) {
        MemorySegment page = frames.page(d.frame);
        int found = Node.search(page, key);
        int position = found >>> 1;
        boolean exact = (found & 1) != 0;
        // Appended without waiting; a STRICT caller waits for durability once the latch is released (finish).
        CommitMode append = mode == CommitMode.STRICT ? CommitMode.NONE : mode;
        if ((inline == null && !exact) || (onlyIfAbsent && exact)) {
            result.existed = exact;
            if (tag == BatchTag.NONE) {
                return frames.validate(d.frame, d.stamp); // nothing to change
            }
            // A batch step that changes nothing still leaves a record, made under the leaf's latch, so that
            // recovery knows the step ran before whatever follows it in the log.
            if (!frames.tryUpgrade(d.frame, d.stamp)) {
                return false;
            }
            try {
                result.lsn = log.append(TreeRecords.STEP, TreeRecords.step(treeId, tag), append);
                result.logged = true;
            } finally {
                frames.unlockExclusive(d.frame);
            }
            return true;
        }
        long[] freed = NONE;
        int oldBytes = 0;
        if (exact) {
            oldBytes = NodeLayout.LEAF_SLOT
                    + NodeLayout.keyLength(page, NodeLayout.slot(NodeLayout.LEAF_SLOT, position))
                    + Node.inlineValueLength(page, position);
            if (Node.isOverflow(page, position)) {
                freed = chainOf(page, position, d);
                if (freed == null) {
                    return false;
                }
                result.hold(); // before the record that drops the chain; closed once its pages are freed
            }
        }
        // A same-size replacement overwrites the value in place (NodeOps.put) and needs no room.
        boolean inPlace = exact
                && inline != null
                && NodeLayout.valueWord(page, NodeLayout.slot(NodeLayout.LEAF_SLOT, position)) == valueWord;
        if (inline != null && !inPlace) {
            int needed =
                    NodeEdits.leafEntryBytes(NodeLayout.prefixLength(page), key.byteSize(), (int) inline.byteSize());
            if (needed > Node.freeBytes(page) + oldBytes) {
                if (frames.validate(d.frame, d.stamp)) {
                    structure.split(key, 0);
                }
                return false;
            }
        }
        if (!frames.tryUpgrade(d.frame, d.stamp)) {
            return false;
        }
        try {
            long before = beforeChange(d.frame);
            long pageId = frames.pageId(d.frame);
            if (inline != null) {
                MemorySegment record = TreeRecords.put(treeId, pageId, key, valueWord, inline, allocated, freed, tag);
                result.lsn = log.append(TreeRecords.PUT, record, append);
                NodeOps.put(page, key, valueWord, inline);
            } else {
                result.lsn =
                        log.append(TreeRecords.DELETE, TreeRecords.delete(treeId, pageId, key, freed, tag), append);
                NodeOps.delete(page, key);
                result.underfull = Node.usedBytes(page) < pageSize / 4;
            }
            PageHeaderLayout.setPageLsn(page, result.lsn);
            afterChange(d.frame, before);
            frames.markDirty(d.frame);
        } finally {
            frames.unlockExclusive(d.frame);
        }
        result.existed = exact;
        result.changed = true;
        result.logged = true;
        result.freed = freed;
        return true;
    }

    /** The page ids of an overflow value's chain, or null if the leaf changed meanwhile. */
    private long @Nullable [] chainOf(MemorySegment page, int position, Descent d) {
        OverflowRef ref = OverflowRef.read(page, Node.valueOffset(page, position));
        if (!frames.validate(d.frame, d.stamp)) {
            return null;
        }
        try {
            long[] chain = overflow.chain(ref);
            return frames.validate(d.frame, d.stamp) ? chain : null;
        } catch (CorruptPageException e) {
            if (!frames.validate(d.frame, d.stamp)) {
                return null;
            }
            throw e;
        }
    }

    /** After the latches are released: frees replaced overflow pages once safe, waits for STRICT durability. */
    private void finish(WriteResult result, CommitMode mode) {
        if (!result.logged) {
            return;
        }
        if (result.freed.length > 0) {
            // Only once the record that dropped them is durable may the pages be reused: a crash must not bring
            // back a reference to pages that hold something else.
            log.flush(result.lsn);
            overflow.free(result.freed);
        }
        if (mode == CommitMode.STRICT) {
            log.flush(result.lsn);
        }
    }

    // ---------------------------------------------------------------- descent and logging helpers

    /**
     * Descends optimistically to the node at {@code level} (0 = leaf) whose range holds {@code key} (null: the
     * last node, as if the key were above every key), or to the root if the tree is lower. Returns false if a validation failed (restart); {@code d} then tells which node
     * was being read.
     */
    boolean descend(@Nullable MemorySegment key, int level, Descent d) {
        int node = rootFrame;
        long stamp = frames.optimistic(node);
        d.parent = -1;
        d.frame = node;
        d.stamp = stamp;
        while (true) {
            MemorySegment page = frames.page(node);
            if (!Node.isInner(page) || NodeLayout.level(page) <= level) {
                return frames.validate(node, stamp);
            }
            long offset = key == null ? NodeLayout.UPPER_SWIP : Node.childSwipOffset(page, key);
            int child = pool.resolve(node, stamp, offset);
            if (child == BufferPool.RESTART) {
                return false;
            }
            long childStamp = frames.optimistic(child);
            if (!frames.validate(node, stamp)) {
                return false;
            }
            d.parent = node;
            d.parentStamp = stamp;
            d.swipOffset = offset;
            node = child;
            stamp = childStamp;
            d.frame = node;
            d.stamp = stamp;
        }
    }

    /**
     * Called when an optimistic read hit an inconsistent page: fine if the page changed meanwhile (restart), a
     * bug or damage if it did not.
     */
    void checkTorn(Descent d, RuntimeException e) {
        if (frames.validate(d.frame, d.stamp)) {
            throw new IllegalStateException(
                    "inconsistent page " + frames.pageId(d.frame) + " of tree " + treeId + " read under a valid latch",
                    e);
        }
    }

    /**
     * Before changing a page held exclusively: logs the page's image first if this is its first change since the
     * redo point of the last checkpoint (torn-page protection).
     *
     * @return what {@link #afterChange} needs: the page LSN before the change, or {@code Long.MAX_VALUE} if the
     *     image was logged
     */
    long beforeChange(int frame) {
        long before = PageHeaderLayout.pageLsn(frames.page(frame));
        if (before < pool.fullImageThreshold()) {
            logImage(frame);
            return Long.MAX_VALUE;
        }
        return before;
    }

    /**
     * After a change's record: if a checkpoint moved the redo point past the page's earlier LSN while the record
     * was made, the image that should have preceded it is logged now, showing the page after the change.
     * Recovery skips the records of a torn page until its image, so the log still repairs it.
     */
    void afterChange(int frame, long before) {
        if (before < pool.fullImageThreshold()) {
            logImage(frame);
        }
    }

    private void logImage(int frame) {
        long lsn = log.append(
                TreeRecords.IMAGE, TreeRecords.image(treeId, frames.pageId(frame), imageOf(frame)), CommitMode.NONE);
        PageHeaderLayout.setPageLsn(frames.page(frame), lsn);
    }

    /** A copy of a page held latched in its on-disk form ({@link Frames#copyInDiskForm}). */
    MemorySegment imageOf(int frame) {
        MemorySegment copy = MemorySegment.ofArray(new byte[pageSize]);
        frames.copyInDiskForm(frame, copy);
        return copy;
    }

    /**
     * Checks a key and value against the limits without writing (for a batch, before it is logged).
     *
     * @param value the value, or null for a delete
     * @throws IllegalArgumentException naming the size and the limit
     */
    public void checkSizes(byte[] key, byte @Nullable [] value) {
        checkKey(key);
        if (value != null && value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(
                    "value of " + value.length + " bytes exceeds the maximum of " + MAX_VALUE_LENGTH + " bytes");
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

    private TreeOwner owner() {
        return new TreeOwner(this);
    }

    BufferPool pool() {
        return pool;
    }

    Frames frames() {
        return frames;
    }

    TreeLog log() {
        return log;
    }

    int rootFrame() {
        return rootFrame;
    }

    int pageSize() {
        return pageSize;
    }

    OverflowValues overflow() {
        return overflow;
    }

    /** Optimistic restarts so far (contention and races with eviction). */
    public long restarts() {
        return restarts.sum();
    }

    void countRestart() {
        restarts.increment();
    }
}
