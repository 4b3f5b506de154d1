/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.swip.SwipWord;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Checks a tree on disk, offline: every node's type, tree id and level, keys strictly ascending and within the
 * node's fences, each child's fences equal to the separators around its swip in the parent, and every overflow
 * chain. Problems are collected, not thrown, so one run reports them all.
 */
public final class TreeVerifier {
    private final LongFunction<@Nullable MemorySegment> readPage;
    private final int pageSize;
    private final int treeId;
    private final List<String> problems;
    private final Set<Long> reachable;
    private long entries;

    /**
     * Prepares a check.
     *
     * @param readPage reads a page, or returns null after reporting it damaged
     * @param pageSize the store's page size
     * @param treeId the tree's id
     * @param problems where problems go
     * @param reachable collects every page the tree uses
     */
    public TreeVerifier(
            LongFunction<@Nullable MemorySegment> readPage,
            int pageSize,
            int treeId,
            List<String> problems,
            Set<Long> reachable) {
        this.readPage = readPage;
        this.pageSize = pageSize;
        this.treeId = treeId;
        this.problems = problems;
        this.reachable = reachable;
    }

    /**
     * Checks the tree under {@code rootPageId}.
     *
     * @return the number of entries found
     */
    public long verify(long rootPageId) {
        node(rootPageId, -1, null, null);
        return entries;
    }

    private void node(long pageId, int expectedLevel, byte @Nullable [] lower, byte @Nullable [] upper) {
        if (!reachable.add(pageId)) {
            problems.add("tree " + treeId + ": page " + pageId + " is reached twice");
            return;
        }
        MemorySegment page = readPage.apply(pageId);
        if (page == null) {
            return;
        }
        String where = "tree " + treeId + " page " + pageId;
        if (!Node.isLeaf(page) && !Node.isInner(page)) {
            problems.add(where + ": not a tree node (type " + PageHeaderLayout.typeCode(page) + ")");
            return;
        }
        if (PageHeaderLayout.treeId(page) != treeId) {
            problems.add(where + ": belongs to tree " + PageHeaderLayout.treeId(page));
        }
        int level = NodeLayout.level(page);
        if (expectedLevel >= 0 && level != expectedLevel) {
            problems.add(where + ": level " + level + " where " + expectedLevel + " was expected");
        }
        if ((Node.isLeaf(page) && level != 0) || (Node.isInner(page) && level == 0)) {
            problems.add(where + ": level " + level + " does not match its type");
            return;
        }
        if (!Arrays.equals(Node.lowerFence(page), lower) || !Arrays.equals(Node.upperFence(page), upper)) {
            problems.add(where + ": fences differ from the separators in its parent");
        }
        try {
            checkKeys(page, where, lower, upper);
            if (Node.isLeaf(page)) {
                checkValues(page, where);
            } else {
                children(page, level, lower, upper);
            }
        } catch (OptimisticRestart | IndexOutOfBoundsException e) {
            problems.add(where + ": slot offsets or lengths run outside the page");
        }
    }

    private void checkKeys(MemorySegment page, String where, byte @Nullable [] lower, byte @Nullable [] upper) {
        int count = Node.count(page, Node.slotSize(page));
        byte[] previous = lower;
        for (int i = 0; i < count; i++) {
            byte[] key = Node.key(page, i);
            if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                problems.add(where + ": key " + i + " is not above " + (i == 0 ? "the lower fence" : "key " + (i - 1)));
            }
            if (upper != null && Arrays.compareUnsigned(key, upper) > 0) {
                problems.add(where + ": key " + i + " is above the upper fence");
            }
            previous = key;
        }
        if (Node.isLeaf(page)) {
            entries += count;
        }
    }

    private void checkValues(MemorySegment page, String where) {
        int count = Node.count(page, NodeLayout.LEAF_SLOT);
        for (int i = 0; i < count; i++) {
            if (!Node.isOverflow(page, i)) {
                Node.valueOffset(page, i);
                continue;
            }
            OverflowRef ref = OverflowRef.read(page, Node.valueOffset(page, i));
            overflow(ref, where + " entry " + i);
        }
    }

    private void overflow(OverflowRef ref, String where) {
        long capacity = OverflowPageLayout.capacity(pageSize);
        long pages = (ref.length() + capacity - 1) / capacity;
        long pageId = ref.firstPageId();
        for (long i = 0; i < pages; i++) {
            if (pageId == 0 || !reachable.add(pageId)) {
                problems.add(where + ": overflow chain broken or shared at chunk " + i);
                return;
            }
            MemorySegment chunk = readPage.apply(pageId);
            if (chunk == null) {
                return;
            }
            long expected = Math.min(capacity, ref.length() - i * capacity);
            if (PageHeaderLayout.typeCode(chunk) != PageType.OVERFLOW.code()
                    || OverflowPageLayout.length(chunk) != expected) {
                problems.add(where + ": page " + pageId + " is not chunk " + i + " of its overflow value");
                return;
            }
            pageId = OverflowPageLayout.next(chunk);
        }
    }

    private void children(MemorySegment page, int level, byte @Nullable [] lower, byte @Nullable [] upper) {
        int count = Node.count(page, NodeLayout.INNER_SLOT);
        byte[][] keys = new byte[count][];
        long[] swips = new long[count + 1];
        for (int i = 0; i <= count; i++) {
            if (i < count) {
                keys[i] = Node.key(page, i);
            }
            swips[i] = Node.swip(page, Node.swipAt(page, i));
        }
        for (int i = 0; i <= count; i++) {
            if (SwipWord.isResident(swips[i]) || swips[i] == SwipWord.NONE) {
                problems.add("tree " + treeId + " page " + PageHeaderLayout.pageId(page) + ": child " + i
                        + " is not a page id on disk");
                continue;
            }
            node(SwipWord.pageId(swips[i]), level - 1, i == 0 ? lower : keys[i - 1], i == count ? upper : keys[i]);
        }
    }
}
