/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

/**
 * Where an optimistic descent ended: the node's frame and stamp, and the parent's frame, stamp and the offset of
 * the swip that leads to the node ({@code parent < 0} for the root). The stamps are optimistic; nothing is
 * latched.
 */
final class Descent {
    int frame;
    long stamp;
    int parent;
    long parentStamp;
    long swipOffset;

    boolean isRoot() {
        return parent < 0;
    }
}
