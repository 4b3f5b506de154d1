/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * One step of an atomic batch: a put ({@code value != null}) or a delete.
 *
 * @param treeId the tree
 * @param key the key
 * @param value the value, or null for a delete
 */
public record BatchStep(int treeId, byte[] key, byte @Nullable [] value) {
    /** The tree id of a step that sets a user meta slot (key: the slot, value: 8 bytes little-endian). */
    public static final int USER_META = -1;

    /**
     * A step that sets a user meta slot.
     *
     * @param slot the slot
     * @param value the value
     * @return the step
     */
    public static BatchStep userMeta(int slot, long value) {
        UserMeta.checkSlot(slot);
        byte[] bytes = ByteBuffer.allocate(Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(value)
                .array();
        return new BatchStep(USER_META, new byte[] {(byte) slot}, bytes);
    }

    /** Whether the step sets a user meta slot. */
    public boolean isUserMeta() {
        return treeId == USER_META;
    }

    int userMetaSlot() {
        return Byte.toUnsignedInt(key[0]);
    }

    long userMetaValue() {
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
