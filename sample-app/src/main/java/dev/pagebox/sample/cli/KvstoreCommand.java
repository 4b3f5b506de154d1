/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code kvstore} commands: each is one constant, naming its operands for the usage, how many it takes, what it
 * does to the store ({@link Access}) and the method that runs it. A new command is one constant here and one method
 * in {@link KvstoreCommands}.
 */
enum KvstoreCommand {
    PUT(
            "put",
            "KEY VALUE",
            "store VALUE under KEY (VALUE '-' reads standard input)",
            2,
            2,
            Access.WRITE,
            KvstoreCommands::put),
    GET("get", "KEY", "print the value of KEY; exit 1 if there is none", 1, 1, Access.READ, KvstoreCommands::get),
    DEL("del", "KEY", "delete KEY; exit 1 if there is none", 1, 1, Access.WRITE, KvstoreCommands::delete),
    SCAN(
            "scan",
            "[PREFIX]",
            "print KEY<TAB>VALUE lines in key order (\\\\, \\t, \\n, \\r, \\xHH escaped)",
            0,
            1,
            Access.READ,
            KvstoreCommands::scan),
    RANGE(
            "range",
            "START END",
            "print the KEY<TAB>VALUE lines of START <= KEY < END, like scan",
            2,
            2,
            Access.READ,
            KvstoreCommands::range),
    SYNC(
            "sync",
            "",
            "make every write so far durable (fdatasync of the log)",
            0,
            0,
            Access.READ,
            KvstoreCommands::sync),
    CHECKPOINT(
            "checkpoint",
            "",
            "write all changed pages and truncate the log",
            0,
            0,
            Access.WRITE,
            KvstoreCommands::checkpoint),
    STATS(
            "stats",
            "",
            "print store and tree statistics as name=value lines",
            0,
            0,
            Access.READ,
            KvstoreCommands::stats),
    META(
            "meta",
            "[SLOT [VALUE]]",
            "print the user meta slots (SLOT=VALUE lines) or one's value; set one to VALUE",
            0,
            2,
            Access.WRITE_WITH_ALL_OPERANDS,
            KvstoreCommands::meta),
    BACKUP(
            "backup",
            "DIR",
            "copy the store into DIR (new or empty), a store of its own; print the summary",
            1,
            1,
            Access.READ,
            KvstoreCommands::backup),
    VERIFY(
            "verify",
            "",
            "check the stopped store page by page; exit 4 if it is damaged",
            0,
            0,
            Access.CLOSED,
            KvstoreCommands::verify);

    /** What a command does to the store. */
    enum Access {
        /** Reads the open store (or copies it): runs on a store opened read-only. */
        READ,
        /** Writes to the open store: refused with {@code --read-only}. */
        WRITE,
        /** Writes with all its operands, reads with fewer ({@code meta SLOT VALUE} against {@code meta SLOT}). */
        WRITE_WITH_ALL_OPERANDS,
        /** Works on the closed directory instead of an open store. */
        CLOSED
    }

    /** What a command does, given its run's context; returns the exit status. */
    @FunctionalInterface
    interface Action {
        int run(KvstoreRun run);
    }

    private final String word;
    private final String operands;
    private final String summary;
    private final int fewest;
    private final int most;
    private final Access access;
    private final Action action;

    KvstoreCommand(String word, String operands, String summary, int fewest, int most, Access access, Action action) {
        this.word = word;
        this.operands = operands;
        this.summary = summary;
        this.fewest = fewest;
        this.most = most;
        this.access = access;
        this.action = action;
    }

    /** The command of this name, if there is one. */
    static Optional<KvstoreCommand> named(String word) {
        return Arrays.stream(values())
                .filter(command -> command.word.equals(word))
                .findFirst();
    }

    String word() {
        return word;
    }

    /** Whether it runs on the open store ({@link KvstoreRun#store()}); otherwise on its closed directory. */
    boolean opensStore() {
        return access != Access.CLOSED;
    }

    /**
     * Whether it writes to the store, given its operands.
     *
     * @param count the number of operands
     * @return whether a store opened read-only must refuse it
     */
    boolean writes(int count) {
        return access == Access.WRITE || (access == Access.WRITE_WITH_ALL_OPERANDS && count == most);
    }

    int run(KvstoreRun run) {
        return action.run(run);
    }

    /** The usage line: {@code "  put KEY VALUE    store VALUE under KEY ..."}. */
    String usageLine() {
        String call = operands.isEmpty() ? word : word + " " + operands;
        return String.format("  %-17s%s", call, summary) + "\n";
    }

    /**
     * Checks the number of operands.
     *
     * @param count the operands given
     * @throws KvstoreArguments.UsageException if there are too few or too many
     */
    void checkOperands(int count) {
        if (count < fewest || count > most) {
            throw new KvstoreArguments.UsageException(word + " takes " + describeArity() + ", not " + count);
        }
    }

    private String describeArity() {
        if (fewest == most) {
            return fewest == 1 ? "1 operand" : fewest + " operands";
        }
        return fewest + " to " + most + " operands";
    }
}
