/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.wal.RedoHolds;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * One change of a leaf entry, as a value: what to write (a put's slot value, or a delete), how, and what the write
 * did. {@link LeafWriter} makes the attempts; a put sets its value ({@link #value}) before the first one.
 *
 * <p>The write also carries the hold on the redo point that a change allocating or freeing overflow pages needs,
 * opened on first use ({@link #hold()}: before the chain's allocation, or before the record that drops a chain) and
 * closed by the caller once the pages are freed.
 */
final class LeafWrite {
    private static final long[] NO_PAGES = TreeRecords.noPages();

    final MemorySegment key;
    final boolean onlyIfAbsent;
    final CommitMode mode;
    final BatchTag tag;
    private final TreeLog log;

    /** What the leaf slot stores: the value, or an {@link OverflowRef}; null for a delete. */
    @Nullable
    MemorySegment inline;

    /** The slot's value word: the inline length, or {@link OverflowRef#SIZE} with the overflow flag. */
    int valueWord;

    /** The new value's overflow chain, referenced by the record if the write happens. */
    long[] allocated = NO_PAGES;

    /** Whether the key was present. */
    boolean existed;

    /** Whether the leaf changed. */
    boolean changed;

    /** Whether a record was appended ({@link #lsn}). */
    boolean logged;

    /** Whether a delete left the leaf under a quarter full. */
    boolean underfull;

    /** The record's LSN, if {@link #logged}. */
    long lsn;

    /** The replaced value's overflow chain, to free once the record is durable. */
    long[] freed = NO_PAGES;

    private RedoHolds.@Nullable Hold hold;

    private LeafWrite(MemorySegment key, boolean onlyIfAbsent, CommitMode mode, BatchTag tag, TreeLog log) {
        this.key = key;
        this.onlyIfAbsent = onlyIfAbsent;
        this.mode = mode;
        this.tag = tag;
        this.log = log;
    }

    /** A put (or insert, if {@code onlyIfAbsent}); its value is set with {@link #value} before it is written. */
    static LeafWrite put(MemorySegment key, boolean onlyIfAbsent, CommitMode mode, BatchTag tag, TreeLog log) {
        return new LeafWrite(key, onlyIfAbsent, mode, tag, log);
    }

    /** A delete. */
    static LeafWrite delete(MemorySegment key, CommitMode mode, BatchTag tag, TreeLog log) {
        return new LeafWrite(key, false, mode, tag, log);
    }

    /** Sets what a put stores in the slot, and the overflow pages it allocated for it. */
    void value(MemorySegment slotValue, int slotValueWord, long[] chain) {
        this.inline = slotValue;
        this.valueWord = slotValueWord;
        this.allocated = chain;
    }

    /** The write's hold on the redo point, opened now if it is not open yet. */
    RedoHolds.Hold hold() {
        if (hold == null) {
            hold = log.hold();
        }
        return hold;
    }

    /** Closes the hold, if one was opened. */
    void closeHold() {
        if (hold != null) {
            hold.close();
        }
    }
}
