/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.mem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The only atomic and ordered access to off-heap words: latch words, swips, frame state and the WAL's shared
 * positions. Method names are VarHandle's own access modes, so a reader can look up the exact semantics.
 *
 * <p>All words are 8-byte aligned {@code long}s in native byte order (atomic access modes require natural
 * alignment; FFM throws on a misaligned offset). Plain, non-atomic access to page contents does not go
 * through this class: it is {@code segment.get(LAYOUT, offset)} in the owning {@code *Layout} class.
 *
 * <p>The VarHandles are exact ({@code withInvokeExactBehavior}), so a call site that passes an {@code int}
 * offset or casts the result to the wrong type fails in tests instead of silently going through a slow,
 * boxing adaptation.
 */
public final class Words {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle().withInvokeExactBehavior();

    private Words() {}

    /**
     * Reads a word with acquire semantics: later reads and writes are not reordered before it.
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @return the word
     */
    public static long getAcquire(MemorySegment segment, long offset) {
        return (long) LONG.getAcquire(segment, offset);
    }

    /**
     * Reads a word with volatile semantics.
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @return the word
     */
    public static long getVolatile(MemorySegment segment, long offset) {
        return (long) LONG.getVolatile(segment, offset);
    }

    /**
     * Reads a word atomically with no ordering constraint beyond coherence (for statistics and hints).
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @return the word
     */
    public static long getOpaque(MemorySegment segment, long offset) {
        return (long) LONG.getOpaque(segment, offset);
    }

    /**
     * Writes a word with release semantics: earlier reads and writes are not reordered after it.
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @param value the new value
     */
    public static void setRelease(MemorySegment segment, long offset, long value) {
        LONG.setRelease(segment, offset, value);
    }

    /**
     * Writes a word with volatile semantics.
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @param value the new value
     */
    public static void setVolatile(MemorySegment segment, long offset, long value) {
        LONG.setVolatile(segment, offset, value);
    }

    /**
     * Writes a word atomically with no ordering constraint beyond coherence.
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @param value the new value
     */
    public static void setOpaque(MemorySegment segment, long offset, long value) {
        LONG.setOpaque(segment, offset, value);
    }

    /**
     * Atomically sets a word to {@code newValue} if it equals {@code expected} (volatile semantics).
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @param expected the value the word must hold
     * @param newValue the value to store
     * @return whether the word was updated
     */
    public static boolean compareAndSet(MemorySegment segment, long offset, long expected, long newValue) {
        return (boolean) LONG.compareAndSet(segment, offset, expected, newValue);
    }

    /**
     * Atomically sets a word to {@code newValue} if it equals {@code expected} and returns the witness value
     * (volatile semantics).
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @param expected the value the word must hold
     * @param newValue the value to store
     * @return the value the word held, equal to {@code expected} if and only if the update happened
     */
    public static long compareAndExchange(MemorySegment segment, long offset, long expected, long newValue) {
        return (long) LONG.compareAndExchange(segment, offset, expected, newValue);
    }

    /**
     * Atomically adds to a word (volatile semantics).
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @param delta the amount to add
     * @return the value before the addition
     */
    public static long getAndAdd(MemorySegment segment, long offset, long delta) {
        return (long) LONG.getAndAdd(segment, offset, delta);
    }

    /**
     * Atomically ORs bits into a word (volatile semantics).
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @param bits the bits to set
     * @return the value before the update
     */
    public static long getAndBitwiseOr(MemorySegment segment, long offset, long bits) {
        return (long) LONG.getAndBitwiseOr(segment, offset, bits);
    }

    /**
     * Atomically ANDs a mask into a word (volatile semantics).
     *
     * @param segment the memory holding the word
     * @param offset byte offset of the word, 8-byte aligned
     * @param mask the bits to keep
     * @return the value before the update
     */
    public static long getAndBitwiseAnd(MemorySegment segment, long offset, long mask) {
        return (long) LONG.getAndBitwiseAnd(segment, offset, mask);
    }

    /** Loads before the fence are not reordered with loads and stores after it ({@link VarHandle#acquireFence()}). */
    public static void acquireFence() {
        VarHandle.acquireFence();
    }

    /** Loads and stores before the fence are not reordered with stores after it ({@link VarHandle#releaseFence()}). */
    public static void releaseFence() {
        VarHandle.releaseFence();
    }

    /** Stores before the fence are not reordered with stores after it ({@link VarHandle#storeStoreFence()}). */
    public static void storeStoreFence() {
        VarHandle.storeStoreFence();
    }

    /** Loads before the fence are not reordered with loads after it ({@link VarHandle#loadLoadFence()}). */
    public static void loadLoadFence() {
        VarHandle.loadLoadFence();
    }

    /** No reordering of any access across the fence ({@link VarHandle#fullFence()}). */
    public static void fullFence() {
        VarHandle.fullFence();
    }
}
