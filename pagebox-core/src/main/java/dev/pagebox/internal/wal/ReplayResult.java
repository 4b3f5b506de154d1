/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

/**
 * What a replay read.
 *
 * @param fromLsn where the replay started
 * @param endLsn where it stopped: the durable end of the log when the replay began
 * @param records how many records were handed to the visitor
 * @param tailCut whether opening the log cut off a torn or unacknowledged tail
 * @param tailDetail what opening the log found at its end ("clean end" or how the tail was torn)
 */
public record ReplayResult(long fromLsn, long endLsn, long records, boolean tailCut, String tailDetail) {}
