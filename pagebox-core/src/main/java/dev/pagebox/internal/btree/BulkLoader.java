/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.buffer.PageIo;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.swip.SwipWord;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Loads sorted entries into an empty tree bottom-up, at the speed of sequential page writes: leaves are filled to a
 * chosen fraction of the page in key order, each level above them is built from the separators of the level below,
 * and every page (nodes and overflow chains) is written straight to the page store, outside the log and the pool.
 * Once the input ends, the pages are synced and {@link #attach} logs one {@link TreeRecords#BULK_ATTACH} record that
 * lists them and carries the new root's image: the load is in the tree whole or not at all.
 *
 * <h2>Why a crash leaks nothing</h2>
 * Every page is allocated under the load's {@link RedoHolds.Hold}, so it is provisional (free in any checkpoint's
 * snapshot) until the attach record is appended, and the hold keeps every checkpoint's redo point below that record.
 * A crash before the record therefore finds the pages free and the root as it was; a crash after it replays the
 * record, which marks the pages allocated and installs the root. A rejected or failed load frees its pages.
 *
 * <h2>Why redo never spoils a loaded page</h2>
 * Page ids are taken from the allocator in batches; before the first page of a batch is written the log is made
 * durable, so the records of every earlier use of those pages (all appended before they were freed) are durable,
 * and the pages are stamped with an LSN just below the durable end, at or above all of those records, as overflow
 * values are ({@link OverflowValues}). Redo thus never applies a stale record to loaded content. Before attaching,
 * the pool's full-image threshold is raised to the durable end (with checkpoints held off by the caller), so the
 * first change of a loaded page after the load logs its image, as the first change after a checkpoint does, and a
 * torn write-back of it can be repaired.
 *
 * <h2>Memory</h2>
 * At most two nodes' worth of entries per level: the node being filled and the one before it, held back so that a
 * short last node can share the entries of its neighbour (no node ends up under a quarter full, no inner node
 * without a separator). The ids of the pages written are kept as runs of consecutive ids ({@link PageRuns}).
 *
 * <p>Not thread-safe: one thread feeds a loader.
 */
public final class BulkLoader implements AutoCloseable {
    /** Page ids taken from the allocator at a time: one log flush per batch. */
    private static final int ID_BATCH = 64;

    private final BufferPool pool;
    private final Frames frames;
    private final TreeLog log;
    private final PageIo io;
    private final int treeId;
    private final int rootFrame;
    private final long rootPageId;
    private final int pageSize;
    private final int maxKeyLength;
    private final int maxInlineEntry;
    private final int overflowCapacity;
    private final int leafTarget;
    private final int innerTarget;
    private final RedoHolds.Hold hold;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment scratch;
    private final PageRuns written = new PageRuns();
    private final List<Level> levels = new ArrayList<>();
    private final int maxRuns;
    private long[] spare = new long[0];
    private int spareNext;
    private long pageLsn;
    private byte @Nullable [] lastKey;
    private long entries;
    private @Nullable MemorySegment rootImage;
    private boolean finished;
    private boolean attached;
    private boolean closed;

    BulkLoader(BufferPool pool, TreeLog log, PageIo io, TreeAccess access, long rootPageId, double fill) {
        if (!(fill >= 0.5 && fill <= 1.0)) {
            throw new IllegalArgumentException("fill must be between 0.5 and 1.0, not " + fill);
        }
        this.pool = pool;
        this.frames = pool.frames();
        this.log = log;
        this.io = io;
        this.treeId = access.treeId();
        this.rootFrame = access.rootFrame();
        this.rootPageId = rootPageId;
        this.pageSize = pool.pageSize();
        this.maxKeyLength = pageSize / 8;
        this.maxInlineEntry = pageSize / 4;
        this.overflowCapacity = OverflowPageLayout.capacity(pageSize);
        this.leafTarget = (int) (pageSize * fill);
        this.innerTarget = (int) (pageSize * fill);
        this.maxRuns = TreeRecords.maxBulkRuns(log.maxPayloadSize(), pageSize);
        this.scratch = arena.allocate(pageSize, pageSize);
        this.hold = log.hold();
        levels.add(new Level(0));
    }

    /**
     * Adds the next entry; keys must ascend strictly.
     *
     * @throws IllegalArgumentException if the key is not above the previous one, or a key or value is too large; the
     *     loader is then spent ({@link #close} frees what it wrote)
     */
    public void add(byte[] key, byte[] value) {
        checkOpen();
        if (key == null || value == null) {
            throw new IllegalArgumentException("entry " + entries + ": null " + (key == null ? "key" : "value"));
        }
        if (key.length > maxKeyLength) {
            throw new IllegalArgumentException("entry " + entries + ": key of " + key.length
                    + " bytes exceeds the maximum of " + maxKeyLength + " bytes (an eighth of the page)");
        }
        if (value.length > BTree.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("entry " + entries + ": value of " + value.length
                    + " bytes exceeds the maximum of " + BTree.MAX_VALUE_LENGTH + " bytes");
        }
        if (lastKey != null) {
            int cmp = Arrays.compareUnsigned(lastKey, key);
            if (cmp >= 0) {
                throw new IllegalArgumentException("entry " + entries + " is not sorted: its key "
                        + (cmp == 0 ? "equals" : "sorts before") + " the key of entry " + (entries - 1)
                        + " (keys must ascend strictly, unsigned byte order)");
            }
        }
        Entry entry;
        if (NodeLayout.LEAF_SLOT + key.length + value.length > maxInlineEntry) {
            long first = writeOverflow(value);
            entry = new Entry(
                    key, new OverflowRef(value.length, first).encode(), OverflowRef.SIZE | NodeLayout.OVERFLOW_FLAG, 0);
        } else {
            entry = new Entry(key, MemorySegment.ofArray(value), value.length, 0);
        }
        levels.getFirst().add(entry);
        lastKey = key;
        entries++;
    }

    /** The entries added so far. */
    public long entries() {
        return entries;
    }

    /** The pages written so far (nodes below the root and overflow pages). */
    public long pagesWritten() {
        return written.pages();
    }

    /**
     * Ends the input: writes the last nodes of every level, builds the root's image (not yet installed) and syncs
     * the pages written.
     */
    public void finish() {
        checkOpen();
        for (int index = 0; index < levels.size(); index++) {
            Level level = levels.get(index);
            if (level.finish()) {
                break;
            }
        }
        freeSpare();
        io.sync();
        finished = true;
    }

    /**
     * Installs the loaded tree: raises the pool's full-image threshold to the durable end, replaces the (still
     * empty) root with the loaded root and logs the attach record, then waits until it is durable. The caller holds
     * checkpoints off ({@code Checkpointer.holdingCheckpoints}), so that no checkpoint lowers the threshold meanwhile.
     *
     * @throws IllegalStateException if the tree is no longer empty (nothing is attached; {@link #close} frees)
     */
    public void attach() {
        if (!finished || attached || closed) {
            throw new IllegalStateException("attach comes once, after finish");
        }
        if (rootImage == null) {
            attached = true; // no entries: the tree stays empty
            hold.close();
            return;
        }
        long durable = log.durableLsn();
        if (pool.fullImageThreshold() < durable) {
            pool.setFullImageThreshold(durable); // every page of the load is stamped below it
        }
        long lsn;
        frames.lockExclusive(rootFrame);
        try {
            MemorySegment root = frames.page(rootFrame);
            if (NodeLayout.level(root) != 0 || NodeLayout.count(root) != 0) {
                throw new IllegalStateException(
                        "tree " + treeId + " is no longer empty: a bulk load needs an empty tree");
            }
            MemorySegment emptyRoot = arena.allocate(pageSize, pageSize).copyFrom(root);
            MemorySegment.copy(rootImage, NodeLayout.HEADER, root, NodeLayout.HEADER, pageSize - NodeLayout.HEADER);
            PageHeaderLayout.setType(root, PageHeaderLayout.type(rootImage));
            try {
                lsn = TreeRecords.appendBulkAttach(log, treeId, frames, rootFrame, written);
            } catch (RuntimeException | Error e) {
                root.copyFrom(emptyRoot); // nothing logged: the root stays empty, and close frees the pages
                throw e;
            }
            PageHeaderLayout.setPageLsn(root, lsn);
            frames.markDirty(rootFrame);
            attached = true;
        } finally {
            frames.unlockExclusive(rootFrame);
        }
        hold.close();
        log.flush(lsn);
    }

    /** Whether the tree's root is an empty leaf (read under a shared latch). */
    public boolean treeIsEmpty() {
        frames.lockShared(rootFrame);
        try {
            MemorySegment root = frames.page(rootFrame);
            return NodeLayout.level(root) == 0 && NodeLayout.count(root) == 0;
        } finally {
            frames.unlockShared(rootFrame);
        }
    }

    /** Ends the load; unless it was attached, frees every page it allocated. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!attached) {
                freeSpare();
                written.forEach(io::free);
            }
        } finally {
            hold.close();
            arena.close();
        }
    }

    private void checkOpen() {
        if (finished || closed) {
            throw new IllegalStateException("the bulk load has ended");
        }
    }

    // ---------------------------------------------------------------- pages

    /** The next page id for the load, from a batch whose previous uses are durable in the log. */
    private long nextPageId() {
        if (spareNext == spare.length) {
            spare = new long[ID_BATCH];
            spareNext = 0;
            for (int i = 0; i < spare.length; i++) {
                spare[i] = io.allocate(hold);
            }
            // A page may have been freed by a change whose record is not durable yet; its records must be durable
            // (and below this load's stamp) before the page is overwritten.
            log.flushAll();
            pageLsn = log.durableLsn() - 1;
        }
        long pageId = spare[spareNext++];
        written.add(pageId);
        if (written.runs() > maxRuns) {
            throw new IllegalStateException("the free pages of the store are too scattered for one bulk load ("
                    + written.runs() + " runs of page ids, at most " + maxRuns + " fit in one log record)");
        }
        return pageId;
    }

    private void freeSpare() {
        for (; spareNext < spare.length; spareNext++) {
            io.free(spare[spareNext]);
        }
    }

    /** Writes a value's overflow chain; returns its first page. */
    private long writeOverflow(byte[] value) {
        int count = (int) ((value.length + (long) overflowCapacity - 1) / overflowCapacity);
        long[] chain = new long[count];
        for (int i = 0; i < count; i++) {
            chain[i] = nextPageId();
        }
        MemorySegment source = MemorySegment.ofArray(value);
        for (int i = 0; i < count; i++) {
            long from = (long) i * overflowCapacity;
            int length = (int) Math.min(overflowCapacity, value.length - from);
            startPage(chain[i], PageType.OVERFLOW);
            OverflowPageLayout.write(scratch, i + 1 < count ? chain[i + 1] : 0, length);
            MemorySegment.copy(source, from, scratch, OverflowPageLayout.DATA, length);
            io.writeUnlogged(chain[i], scratch);
        }
        return chain[0];
    }

    private void startPage(long pageId, PageType type) {
        scratch.fill((byte) 0);
        PageHeaderLayout.initialize(scratch, pageId, type, treeId);
        PageHeaderLayout.setPageLsn(scratch, pageLsn);
    }

    /**
     * One entry of a level: a leaf entry (key, slot value) or a child of an inner node (its upper fence, null for the
     * last child of a level, and its page id).
     */
    private record Entry(byte @Nullable [] key, @Nullable MemorySegment inline, int valueWord, long child) {
        int keyLength() {
            return key == null ? 0 : key.length;
        }
    }

    /** The nodes of one level under construction: the one being filled and the one before it, held back. */
    private final class Level {
        private final int level;
        private final boolean leaf;
        private byte @Nullable [] lower;
        private List<Entry> current = new ArrayList<>();
        private long currentCost;
        private byte @Nullable [] previousLower;
        private @Nullable List<Entry> previous;

        Level(int level) {
            this.level = level;
            this.leaf = level == 0;
        }

        /** Bytes an entry takes in a node with no prefix (an inner node's last child costs only its fence). */
        private int cost(Entry entry) {
            return leaf
                    ? NodeLayout.LEAF_SLOT
                            + entry.keyLength()
                            + (int) entry.inline().byteSize()
                    : NodeLayout.INNER_SLOT + entry.keyLength();
        }

        /**
         * Bytes a node takes, exactly as {@link NodeBuilder} lays it out: the fences, and {@code count} entries of
         * total {@link #cost} {@code cost} whose keys lose the fences' common prefix; an inner node's last entry is
         * its upper swip, whose key is the upper fence (or none).
         */
        private long size(
                byte @Nullable [] lowerFence, byte @Nullable [] upperFence, long cost, int count, Entry last) {
            int prefix =
                    lowerFence == null || upperFence == null ? 0 : NodeBuilder.commonPrefix(lowerFence, upperFence);
            long fences = NodeBuilder.baseBytes(lowerFence, upperFence);
            return leaf
                    ? fences + cost - (long) count * prefix
                    : fences + cost - NodeLayout.INNER_SLOT - last.keyLength() - (long) (count - 1) * prefix;
        }

        private long size(byte @Nullable [] lowerFence, List<Entry> entries, boolean last) {
            long cost = 0;
            for (Entry entry : entries) {
                cost += cost(entry);
            }
            Entry lastEntry = entries.getLast();
            return size(lowerFence, last ? null : lastEntry.key(), cost, entries.size(), lastEntry);
        }

        void add(Entry entry) {
            int target = leaf ? leafTarget : innerTarget;
            if (!current.isEmpty()
                    && size(lower, entry.key(), currentCost + cost(entry), current.size() + 1, entry) > target) {
                if (previous != null) {
                    writeNode(previousLower, previous, false);
                }
                previous = current;
                previousLower = lower;
                lower = current.getLast().key();
                current = new ArrayList<>();
                currentCost = 0;
            }
            current.add(entry);
            currentCost += cost(entry);
        }

        /**
         * Writes the level's last nodes and hands their fences to the level above. The last node has no upper fence
         * and so no prefix: if it does not fit a page that way, it is split in two; if it is under a quarter full
         * (an inner node: fewer than two children), it takes entries from the node before it.
         *
         * @return true if this level is the root's (its only node is the root image)
         */
        boolean finish() {
            List<Entry> before = previous;
            if (before == null) {
                if (!current.isEmpty()) { // the first node has no lower fence: it fits without a prefix
                    rootImage = arena.allocate(pageSize, pageSize);
                    buildNode(rootImage, rootPageId, null, null, current);
                }
                return true;
            }
            long lastSize = size(lower, current, true);
            if (lastSize > pageSize) {
                writeNode(previousLower, before, false);
                int split = balancedSplit(lower, current);
                List<Entry> left = current.subList(0, split);
                writeNode(lower, left, false);
                writeNode(left.getLast().key(), current.subList(split, current.size()), true);
                return false;
            }
            int split = before.size();
            List<Entry> all = new ArrayList<>(before.size() + current.size());
            all.addAll(before);
            all.addAll(current);
            if (lastSize < pageSize / 4 || (!leaf && current.size() < 2)) {
                int balanced = balancedSplit(previousLower, all);
                split = balanced < 0 ? split : balanced;
            }
            List<Entry> left = all.subList(0, split);
            writeNode(previousLower, left, false);
            writeNode(left.getLast().key(), all.subList(split, all.size()), true);
            return false;
        }

        /**
         * The split of {@code entries} into a node and the level's last node that evens out their sizes, both fitting
         * a page (inner nodes with two children at least).
         *
         * @return the index of the last node's first entry, or -1 if none fits
         */
        private int balancedSplit(byte @Nullable [] lowerFence, List<Entry> entries) {
            long total = 0;
            for (Entry entry : entries) {
                total += cost(entry);
            }
            int best = -1;
            long bestDifference = Long.MAX_VALUE;
            long leftCost = 0;
            int minimum = leaf ? 1 : 2;
            for (int split = 1; split < entries.size(); split++) {
                leftCost += cost(entries.get(split - 1));
                if (split < minimum || entries.size() - split < minimum) {
                    continue;
                }
                Entry leftLast = entries.get(split - 1);
                long leftSize = size(lowerFence, leftLast.key(), leftCost, split, leftLast);
                long rightSize =
                        size(leftLast.key(), null, total - leftCost, entries.size() - split, entries.getLast());
                if (leftSize <= pageSize && rightSize <= pageSize) {
                    long difference = Math.abs(leftSize - rightSize);
                    if (difference < bestDifference) {
                        bestDifference = difference;
                        best = split;
                    }
                }
            }
            return best;
        }

        /**
         * Writes one node of this level to a new page and hands its upper fence and id to the level above.
         *
         * @param last whether it is the level's last node, whose upper fence is infinite
         */
        private void writeNode(byte @Nullable [] lowerFence, List<Entry> entries, boolean last) {
            long pageId = nextPageId();
            byte[] upper = last ? null : entries.getLast().key();
            startPage(pageId, leaf ? PageType.BTREE_LEAF : PageType.BTREE_INNER);
            buildNode(scratch, pageId, lowerFence, upper, entries);
            io.writeUnlogged(pageId, scratch);
            if (level + 1 == levels.size()) {
                levels.add(new Level(level + 1));
            }
            levels.get(level + 1).add(new Entry(upper, null, 0, pageId));
        }

        /** Lays out a node with these entries; an inner node's last entry is its upper child. */
        private void buildNode(
                MemorySegment page,
                long pageId,
                byte @Nullable [] lowerFence,
                byte @Nullable [] upperFence,
                List<Entry> entries) {
            if (page != scratch) {
                page.fill((byte) 0);
                PageHeaderLayout.initialize(page, pageId, leaf ? PageType.BTREE_LEAF : PageType.BTREE_INNER, treeId);
            }
            Entry last = entries.getLast();
            NodeBuilder builder = NodeBuilder.start(page, leaf, level, lowerFence, upperFence);
            if (leaf) {
                for (Entry entry : entries) {
                    builder.addLeaf(entry.key(), entry.inline(), entry.valueWord());
                }
            } else {
                for (int i = 0; i < entries.size() - 1; i++) {
                    Entry entry = entries.get(i);
                    builder.addInner(entry.key(), SwipWord.evicted(entry.child()));
                }
                builder.upper(SwipWord.evicted(last.child()));
            }
        }
    }
}
