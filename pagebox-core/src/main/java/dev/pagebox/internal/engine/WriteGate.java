/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.DiskFullException;
import dev.pagebox.ReadOnlyStoreException;
import dev.pagebox.internal.wal.DiskSpace;
import java.nio.file.Path;

/**
 * Whether the store takes a write now, asked before a write changes anything: never when it was opened read-only,
 * and not while the disk is full ({@link DiskSpace}: the first write after room was freed goes through). A store
 * fenced by a failed sync refuses writes further down, where the failure is found (the log, the data file).
 */
final class WriteGate {
    private final Path directory;
    private final boolean readOnly;
    private final DiskSpace space;

    WriteGate(Path directory, boolean readOnly, DiskSpace space) {
        this.directory = directory;
        this.readOnly = readOnly;
        this.space = space;
    }

    /**
     * Lets a write in, or refuses it before it changes anything.
     *
     * @throws ReadOnlyStoreException if the store is open read-only
     * @throws DiskFullException if the disk is still full
     */
    void checkWritable() {
        if (readOnly) {
            throw new ReadOnlyStoreException("the store in " + directory + " is open read-only; reopen it without "
                    + "PageboxOptions.readOnly to write");
        }
        space.checkWritable();
    }
}
