/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxClosedException;
import dev.pagebox.PageboxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment trees of one window or session store of one task: one tree per {@code interval} milliseconds of
 * segment time (a window's start, a session's end), named {@code <family>@<segment id>} (see {@link TreeNames}).
 * The segment id of a time is {@code time / interval}, as in Kafka's own segmented stores and its caching layer,
 * which orders its cache by that id first.
 *
 * <p>A segment whose every time has expired is dropped as a whole ({@link Pagebox#dropTree}): no delete per entry,
 * no log record per entry. Segments are created by the stream thread as writes reach them and dropped by it
 * after commits; readers on other threads (interactive queries) see a dropped segment as empty, which it is once
 * expired.
 */
final class Segments {
    private static final Logger LOG = LoggerFactory.getLogger(Segments.class);

    private final Pagebox pagebox;
    private final String family;
    private final long interval;
    private final ConcurrentNavigableMap<Long, PageboxTree> trees = new ConcurrentSkipListMap<>();

    /**
     * The segments of a family.
     *
     * @param pagebox the shared store
     * @param family the family's name
     * @param interval the segment interval in ms
     * @param existing the names of the family's trees in the store
     */
    Segments(Pagebox pagebox, String family, long interval, List<String> existing) {
        this.pagebox = pagebox;
        this.family = family;
        this.interval = interval;
        for (String name : existing) {
            Long segmentId = TreeNames.segmentOf(family, name);
            if (segmentId != null) {
                trees.put(segmentId, pagebox.tree(name));
            }
        }
    }

    /** The segment of a time. */
    long segmentId(long time) {
        return time / interval;
    }

    /** The tree of a segment, or null if it has none. */
    @Nullable
    PageboxTree tree(long segmentId) {
        return trees.get(segmentId);
    }

    /** The tree of a segment, created if it has none. */
    PageboxTree create(long segmentId) {
        PageboxTree tree = trees.get(segmentId);
        return tree != null
                ? tree
                : trees.computeIfAbsent(segmentId, id -> pagebox.tree(TreeNames.segmentTree(family, id)));
    }

    /**
     * The segment with a tree that comes next in the direction of travel, within {@code [first, last]}.
     *
     * @param current the segment the caller is on, or null to find the first
     */
    @Nullable
    Long next(@Nullable Long current, long first, long last, boolean forward) {
        Long found;
        if (forward) {
            found = current == null ? trees.ceilingKey(first) : trees.higherKey(current);
            return found == null || found > last ? null : found;
        }
        found = current == null ? trees.floorKey(last) : trees.lowerKey(current);
        return found == null || found < first ? null : found;
    }

    /** How many segment trees the store has. */
    int count() {
        return trees.size();
    }

    /** The ids of the segments with trees, in order. */
    List<Long> ids() {
        return new ArrayList<>(trees.keySet());
    }

    /**
     * Drops the segments whose every time is before {@code minLiveTime}; durable when it returns.
     *
     * @return how many it dropped
     */
    int dropBefore(long minLiveTime) {
        if (minLiveTime <= 0) {
            return 0;
        }
        long firstLive = segmentId(minLiveTime);
        int dropped = 0;
        for (Long segmentId : new ArrayList<>(trees.headMap(firstLive, false).keySet())) {
            PageboxTree tree = trees.remove(segmentId);
            if (tree != null) {
                try {
                    pagebox.dropTree(tree.name());
                    dropped++;
                } catch (PageboxClosedException e) {
                    LOG.debug("Segment {} of {} was already gone", segmentId, family, e);
                }
            }
        }
        return dropped;
    }
}
