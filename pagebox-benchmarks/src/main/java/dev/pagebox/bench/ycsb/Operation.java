/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

/** What one client operation does (YCSB's operation types). */
public enum Operation {
    /** Get one existing record and check it. */
    READ,
    /** Overwrite one existing record with a new version. */
    UPDATE,
    /** Add a new record. */
    INSERT,
    /** Read a run of records in key order from an existing key, checking each. */
    SCAN,
    /** A read followed by an update of the same record, timed as one operation. */
    READ_MODIFY_WRITE
}
