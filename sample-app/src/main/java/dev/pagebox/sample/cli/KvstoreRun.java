/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a command runs with.
 *
 * @param store the open store, or null for a command that works on the closed directory
 * @param directory the data directory
 * @param options the options the store is opened with (the app's {@code pagebox.*} settings and the command line's)
 * @param tree the tree the command works on
 * @param operands the command's operands, their number checked
 * @param commitMode when a write returns: {@code --sync}, else the app's {@code pagebox.wal.commit-mode}
 * @param in standard input
 * @param out where results go
 * @param err where messages go
 */
record KvstoreRun(
        @Nullable Pagebox store,
        Path directory,
        PageboxOptions options,
        String tree,
        List<String> operands,
        CommitMode commitMode,
        InputStream in,
        PrintStream out,
        PrintStream err) {

    /** The open store; commands that open it get one. */
    Pagebox openStore() {
        if (store == null) {
            throw new IllegalStateException("this command runs without the store open");
        }
        return store;
    }

    String operand(int index) {
        return operands.get(index);
    }
}
