/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link Pagebox#backup} copied.
 *
 * @param target the backup's directory, a store of its own
 * @param dataBytes bytes of the data file and free-space snapshots copied
 * @param logBytes bytes of write-ahead log copied (what the backup replays when it is first opened)
 * @param endLsn where the backup's log ends: every write acknowledged before the backup began lies below it
 * @param duration how long the backup took
 */
public record BackupSummary(Path target, long dataBytes, long logBytes, long endLsn, Duration duration) {}
