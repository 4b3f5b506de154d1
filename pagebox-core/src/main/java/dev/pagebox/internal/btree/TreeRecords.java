/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.buffer.Frames;
import dev.pagebox.internal.wal.LogClaim;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The tree's write-ahead log records: their type codes and payloads (little-endian). Every payload starts with
 * the tree id. Page images are pages with every child swip unswizzled (page ids, as on disk), without their free gap
 * ({@link PageImages}). Records are
 * encoded in place, into the log space they claim ({@link LogClaim}): a page image is copied once, from its frame
 * into the log buffer ({@link Frames#copyInDiskForm}).
 *
 * <pre>
 *   PUT          treeId u32 | page u64 | keyLen u16 | key | valueWord u32 | inlineLen u32 | inline bytes
 *                | allocated u32 | page ids u64... | freed u32 | page ids u64... | batch u64 | step u32
 *   DELETE       treeId | page | keyLen u16 | key | freed u32 | page ids... | batch u64 | step u32
 *   STEP         treeId | batch u64 | step u32           a batch step that changed nothing (a no-op delete)
 *   BATCH_PUT    treeId | page | batch u64 | step u32 | valueWord u32 | inlineLen u32 | inline bytes
 *                | allocated u32 | page ids u64... | freed u32 | page ids u64...
 *   BATCH_DELETE treeId | page | batch u64 | step u32 | freed u32 | page ids u64...
 *   IMAGE        treeId | page | image                      full page image (first change after a checkpoint)
 *   SPLIT        treeId | parent | node | new | index u16 | sepLen u16 | separator | new page's image
 *   ROOT_SPLIT   treeId | root | left | right | sepLen u16 | separator | left image | right image
 *   MERGE        treeId | parent | slot u16 | left | right | right page's image after the merge
 *   ROOT_COLLAPSE treeId | root | child | root page's image after taking in its only child
 *   BULK_ATTACH  treeId | root | runs u32 | (first page u64 | pages u32)... | root page's image
 * </pre>
 *
 * A PUT's value word and inline bytes are what the leaf slot stores (the value, or an {@link OverflowRef} with
 * bit 31 set); allocated pages are the new value's overflow chain, freed pages the replaced one's. A SPLIT moves
 * slots {@code [0, index)} of {@code node} to {@code new} (inner nodes: slot {@code index} becomes the separator
 * and its child the new node's upper child) and inserts the separator with a swip to {@code new} into
 * {@code parent}. {@code batch} is the LSN of the atomic batch the change belongs to (0 for none, see
 * {@link BatchTag}). A change that belongs to a batch is logged as BATCH_PUT or BATCH_DELETE instead, without the
 * key and the value, which the batch's own record holds: redo reads them there ({@link RedoPages#batchEntry}); the
 * inline bytes are logged only when the slot holds an overflow reference. A MERGE removes {@code slot} (the
 * separator of {@code left}) from {@code parent}, and frees {@code left}, whose entries {@code right} now holds. A
 * BULK_ATTACH ends a bulk load ({@link BulkLoader}): the pages below the root were written and synced outside the
 * log before it, the runs list every one of them (nodes and overflow chains), which recovery marks allocated, and
 * the image is the root that now references them.
 */
final class TreeRecords {
    static final int PUT = 32;
    static final int DELETE = 33;
    static final int IMAGE = 34;
    static final int SPLIT = 35;
    static final int ROOT_SPLIT = 36;
    static final int MERGE = 37;
    static final int ROOT_COLLAPSE = 38;
    static final int STEP = 39;
    static final int BATCH_PUT = 40;
    static final int BATCH_DELETE = 41;
    static final int BULK_ATTACH = 42;

    private static final long[] NO_PAGES = new long[0];

    private TreeRecords() {}

    static boolean isTreeRecord(int type) {
        return type >= PUT && type <= BULK_ATTACH;
    }

    /**
     * Appends the PUT or DELETE of a leaf write, encoded in place.
     *
     * @param write the write: key, slot value (null for a delete), allocated chain, batch tag
     * @param freed the replaced value's chain
     * @return the record's LSN
     */
    static long appendLeafChange(TreeLog log, CommitMode mode, int treeId, long pageId, LeafWrite write, long[] freed) {
        if (write.tag.batchLsn() != 0) {
            return appendBatchLeafChange(log, mode, treeId, pageId, write, freed);
        }
        MemorySegment inline = write.inline;
        long keyBytes = 2 + write.key.byteSize();
        long size = inline == null
                ? 4 + 8 + keyBytes + pagesBytes(freed) + 12
                : 4 + 8 + keyBytes + 4 + 4 + inline.byteSize() + pagesBytes(write.allocated) + pagesBytes(freed) + 12;
        LogClaim claim = log.claim(inline == null ? DELETE : PUT, Math.toIntExact(size));
        try {
            claim.putInt(treeId).putLong(pageId);
            claim.putShort((short) write.key.byteSize()).put(write.key);
            if (inline != null) {
                claim.putInt(write.valueWord).putInt((int) inline.byteSize()).put(inline);
                putPages(claim, write.allocated);
            }
            putPages(claim, freed);
            claim.putLong(write.tag.batchLsn()).putInt(write.tag.step());
            return log.commit(claim, mode);
        } catch (RuntimeException | Error e) {
            log.abort(claim);
            throw e;
        }
    }

    /** Appends the BATCH_PUT or BATCH_DELETE of a batch step's leaf write: its key and value are in the batch's record. */
    private static long appendBatchLeafChange(
            TreeLog log, CommitMode mode, int treeId, long pageId, LeafWrite write, long[] freed) {
        MemorySegment inline = write.inline;
        MemorySegment logged = inline != null && (write.valueWord & NodeLayout.OVERFLOW_FLAG) != 0 ? inline : null;
        long size = inline == null
                ? 4 + 8 + 12 + pagesBytes(freed)
                : 4
                        + 8
                        + 12
                        + 4
                        + 4
                        + (logged == null ? 0 : logged.byteSize())
                        + pagesBytes(write.allocated)
                        + pagesBytes(freed);
        LogClaim claim = log.claim(inline == null ? BATCH_DELETE : BATCH_PUT, Math.toIntExact(size));
        try {
            claim.putInt(treeId).putLong(pageId).putLong(write.tag.batchLsn()).putInt(write.tag.step());
            if (inline != null) {
                claim.putInt(write.valueWord);
                if (logged == null) {
                    claim.putInt(0);
                } else {
                    claim.putInt((int) logged.byteSize()).put(logged);
                }
                putPages(claim, write.allocated);
            }
            putPages(claim, freed);
            return log.commit(claim, mode);
        } catch (RuntimeException | Error e) {
            log.abort(claim);
            throw e;
        }
    }

    /** Appends the STEP of a batch step that changed nothing. */
    static long appendStep(TreeLog log, CommitMode mode, int treeId, BatchTag tag) {
        LogClaim claim = log.claim(STEP, 4 + 12);
        try {
            claim.putInt(treeId).putLong(tag.batchLsn()).putInt(tag.step());
            return log.commit(claim, mode);
        } catch (RuntimeException | Error e) {
            log.abort(claim);
            throw e;
        }
    }

    /** Appends the IMAGE of a page held latched, copied from its frame in its on-disk form. */
    static long appendImage(TreeLog log, int treeId, Frames frames, int frame) {
        LogClaim claim = log.claim(IMAGE, 4 + 8 + PageImages.size(frames, frame));
        try {
            claim.putInt(treeId).putLong(frames.pageId(frame));
            PageImages.put(claim, frames, frame);
            return log.commit(claim, CommitMode.NONE);
        } catch (RuntimeException | Error e) {
            log.abort(claim);
            throw e;
        }
    }

    /** Appends the SPLIT of {@code node} (slots before {@code index} to {@code fresh}) under {@code parent}. */
    static long appendSplit(
            TreeLog log, int treeId, Frames frames, int parent, int node, int fresh, int index, byte[] separator) {
        LogClaim claim = log.claim(SPLIT, 4 + 24 + 2 + 2 + separator.length + PageImages.size(frames, fresh));
        try {
            claim.putInt(treeId).putLong(frames.pageId(parent)).putLong(frames.pageId(node));
            claim.putLong(frames.pageId(fresh)).putShort((short) index).putShort((short) separator.length);
            claim.put(separator);
            PageImages.put(claim, frames, fresh);
            return log.commit(claim, CommitMode.NONE);
        } catch (RuntimeException | Error e) {
            log.abort(claim);
            throw e;
        }
    }

    /** Appends the ROOT_SPLIT that moved the root's halves to {@code left} and {@code right}. */
    static long appendRootSplit(
            TreeLog log, int treeId, Frames frames, int root, int left, int right, byte[] separator) {
        LogClaim claim = log.claim(
                ROOT_SPLIT,
                4 + 24 + 2 + separator.length + PageImages.size(frames, left) + PageImages.size(frames, right));
        try {
            claim.putInt(treeId).putLong(frames.pageId(root)).putLong(frames.pageId(left));
            claim.putLong(frames.pageId(right))
                    .putShort((short) separator.length)
                    .put(separator);
            PageImages.put(claim, frames, left);
            PageImages.put(claim, frames, right);
            return log.commit(claim, CommitMode.NONE);
        } catch (RuntimeException | Error e) {
            log.abort(claim);
            throw e;
        }
    }

    /** Appends the MERGE of {@code left} into {@code right}, with the image of {@code right} after the merge. */
    static long appendMerge(TreeLog log, int treeId, Frames frames, int parent, int slot, int left, int right) {
        LogClaim claim = log.claim(MERGE, 4 + 8 + 2 + 16 + PageImages.size(frames, right));
        try {
            claim.putInt(treeId).putLong(frames.pageId(parent)).putShort((short) slot);
            claim.putLong(frames.pageId(left)).putLong(frames.pageId(right));
            PageImages.put(claim, frames, right);
            return log.commit(claim, CommitMode.NONE);
        } catch (RuntimeException | Error e) {
            log.abort(claim);
            throw e;
        }
    }

    /** Appends the ROOT_COLLAPSE of {@code root} taking in {@code child}, with the root's image after it. */
    static long appendRootCollapse(TreeLog log, int treeId, Frames frames, int root, int child) {
        LogClaim claim = log.claim(ROOT_COLLAPSE, 4 + 16 + PageImages.size(frames, root));
        try {
            claim.putInt(treeId).putLong(frames.pageId(root)).putLong(frames.pageId(child));
            PageImages.put(claim, frames, root);
            return log.commit(claim, CommitMode.NONE);
        } catch (RuntimeException | Error e) {
            log.abort(claim);
            throw e;
        }
    }

    /** The most page runs a BULK_ATTACH of {@code pageSize}-byte pages holds in a record of {@code maxPayload}. */
    static int maxBulkRuns(int maxPayload, int pageSize) {
        return (maxPayload - 4 - 8 - 4 - PageImages.HEADER - pageSize) / PageRuns.RUN_BYTES;
    }

    /** Appends the BULK_ATTACH of a bulk load: the pages it wrote and the root's image, copied from its frame. */
    static long appendBulkAttach(TreeLog log, int treeId, Frames frames, int root, PageRuns runs) {
        LogClaim claim =
                log.claim(BULK_ATTACH, 4 + 8 + 4 + PageRuns.RUN_BYTES * runs.runs() + PageImages.size(frames, root));
        try {
            claim.putInt(treeId).putLong(frames.pageId(root)).putInt(runs.runs());
            for (int run = 0; run < runs.runs(); run++) {
                claim.putLong(runs.start(run)).putInt(runs.length(run));
            }
            PageImages.put(claim, frames, root);
            return log.commit(claim, CommitMode.NONE);
        } catch (RuntimeException | Error e) {
            log.abort(claim);
            throw e;
        }
    }

    private static long pagesBytes(long[] pages) {
        return 4 + 8L * pages.length;
    }

    private static void putPages(LogClaim claim, long[] pages) {
        claim.putInt(pages.length);
        for (long page : pages) {
            claim.putLong(page);
        }
    }

    /** Reads a payload front to back. */
    static final class Reader {
        private final ByteBuffer buffer;

        Reader(MemorySegment payload) {
            byte[] bytes = new byte[Math.toIntExact(payload.byteSize())];
            MemorySegment.copy(payload, 0, MemorySegment.ofArray(bytes), 0, bytes.length);
            this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        int u16() {
            return Short.toUnsignedInt(buffer.getShort());
        }

        int i32() {
            return buffer.getInt();
        }

        long i64() {
            return buffer.getLong();
        }

        byte[] bytes(int length) {
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return bytes;
        }

        long[] pages() {
            int count = buffer.getInt();
            if (count == 0) {
                return NO_PAGES;
            }
            long[] pages = new long[count];
            for (int i = 0; i < count; i++) {
                pages[i] = buffer.getLong();
            }
            return pages;
        }

        int remaining() {
            return buffer.remaining();
        }

        MemorySegment rest(int length) {
            return MemorySegment.ofArray(bytes(length));
        }
    }

    static long[] noPages() {
        return NO_PAGES;
    }
}
