/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Puts and deletes across one or several trees of a store that survive a crash together or not at all
 * ({@link Pagebox#write}). A batch is atomic with respect to crashes; readers may see its steps one by one while
 * it is applied. Its keys and values together are limited to an eighth of the log's buffer and segment size.
 * Not thread-safe; reusable after it was written.
 */
public final class WriteBatch {
    /** One step: a put or delete in a tree, or (tree null) a user meta slot set to a value. */
    record Step(@Nullable PageboxTree tree, byte[] key, byte @Nullable [] value, int slot, long slotValue) {
        Step(PageboxTree tree, byte[] key, byte @Nullable [] value) {
            this(tree, key, value, -1, 0);
        }
    }

    private final List<Step> steps = new ArrayList<>();

    /** Creates an empty batch. */
    public WriteBatch() {}

    /** Adds a put of {@code key} in {@code tree}. */
    public WriteBatch put(PageboxTree tree, byte[] key, byte[] value) {
        steps.add(new Step(
                Objects.requireNonNull(tree, "tree"),
                Objects.requireNonNull(key, "key").clone(),
                Objects.requireNonNull(value, "value").clone()));
        return this;
    }

    /** Adds a delete of {@code key} in {@code tree}. */
    public WriteBatch delete(PageboxTree tree, byte[] key) {
        steps.add(new Step(
                Objects.requireNonNull(tree, "tree"),
                Objects.requireNonNull(key, "key").clone(),
                null));
        return this;
    }

    /**
     * Adds the setting of a user meta slot ({@link Pagebox#setUserMeta}), atomic with the other steps: for example
     * an offset of an external system, applied with the data it covers.
     *
     * @param slot 0 to {@link Pagebox#USER_META_SLOTS} - 1
     * @param value the value
     * @return this batch
     */
    public WriteBatch setUserMeta(int slot, long value) {
        if (slot < 0 || slot >= Pagebox.USER_META_SLOTS) {
            throw new IllegalArgumentException(
                    "user meta slot " + slot + " is outside 0.." + (Pagebox.USER_META_SLOTS - 1));
        }
        steps.add(new Step(null, new byte[0], null, slot, value));
        return this;
    }

    /** The number of steps. */
    public int size() {
        return steps.size();
    }

    /** Removes every step. */
    public void clear() {
        steps.clear();
    }

    List<Step> steps() {
        return steps;
    }
}
