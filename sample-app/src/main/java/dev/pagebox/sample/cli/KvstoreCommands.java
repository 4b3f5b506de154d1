/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import dev.pagebox.BackupSummary;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import dev.pagebox.VerifyReport;
import dev.pagebox.sample.kv.KeyRange;
import dev.pagebox.sample.kv.KvLimits;
import dev.pagebox.sample.kv.RangeScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** What each {@link KvstoreCommand} does. Reading commands never create the tree they name. */
final class KvstoreCommands {
    private KvstoreCommands() {}

    static int put(KvstoreRun run) {
        String value = run.operand(1);
        byte[] bytes = value.equals("-") ? readInput(run) : utf8(value);
        run.openStore().tree(run.tree()).put(utf8(run.operand(0)), bytes, run.commitMode());
        return Kvstore.OK;
    }

    static int get(KvstoreRun run) {
        PageboxTree tree = existing(run);
        byte[] value = tree == null ? null : tree.get(utf8(run.operand(0)));
        if (value == null) {
            return notFound(run, run.operand(0));
        }
        run.out().write(value, 0, value.length);
        run.out().println();
        return Kvstore.OK;
    }

    static int delete(KvstoreRun run) {
        PageboxTree tree = existing(run);
        if (tree == null || !tree.delete(utf8(run.operand(0)), run.commitMode())) {
            return notFound(run, run.operand(0));
        }
        return Kvstore.OK;
    }

    static int scan(KvstoreRun run) {
        String prefix = run.operands().isEmpty() ? "" : run.operand(0);
        return print(run, KeyRange.of(utf8(prefix), null, null));
    }

    static int range(KvstoreRun run) {
        return print(run, KeyRange.of(null, utf8(run.operand(0)), utf8(run.operand(1))));
    }

    static int sync(KvstoreRun run) {
        run.openStore().sync();
        return Kvstore.OK;
    }

    static int checkpoint(KvstoreRun run) {
        run.openStore().checkpoint();
        return Kvstore.OK;
    }

    static int stats(KvstoreRun run) {
        StatsReport.print(run.openStore(), existing(run), run.out());
        return Kvstore.OK;
    }

    /**
     * The user meta slots ({@link Pagebox#userMeta}): every slot as {@code SLOT=VALUE} lines, one slot's value, or
     * sets one with the command's commit mode.
     */
    static int meta(KvstoreRun run) {
        Pagebox store = run.openStore();
        if (run.operands().isEmpty()) {
            for (int slot = 0; slot < Pagebox.USER_META_SLOTS; slot++) {
                run.out().println(slot + "=" + store.userMeta(slot));
            }
            return Kvstore.OK;
        }
        int slot = slot(run.operand(0));
        if (run.operands().size() == 1) {
            run.out().println(store.userMeta(slot));
            return Kvstore.OK;
        }
        store.setUserMeta(slot, metaValue(run.operand(1)), run.commitMode());
        return Kvstore.OK;
    }

    private static int slot(String text) {
        try {
            int slot = Integer.parseInt(text);
            if (slot >= 0 && slot < Pagebox.USER_META_SLOTS) {
                return slot;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "a meta slot is a number from 0 to " + (Pagebox.USER_META_SLOTS - 1) + ", not " + text);
    }

    private static long metaValue(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a meta value is a 64-bit signed decimal number, not " + text);
        }
    }

    /**
     * Copies the open store into a new or empty directory outside it, as {@link Pagebox#backup} does while an app
     * writes; prints the summary as name=value lines.
     */
    static int backup(KvstoreRun run) {
        Path target = Path.of(run.operand(0)).toAbsolutePath().normalize();
        checkBackupTarget(target, run.directory().toAbsolutePath().normalize());
        BackupSummary summary = run.openStore().backup(target);
        run.out().println("target=" + summary.target());
        run.out().println("data-bytes=" + summary.dataBytes());
        run.out().println("log-bytes=" + summary.logBytes());
        run.out().println("end-lsn=" + summary.endLsn());
        run.out().println("duration=" + summary.duration());
        return Kvstore.OK;
    }

    private static void checkBackupTarget(Path target, Path store) {
        if (target.startsWith(store)) {
            throw new IllegalArgumentException("backup directory " + target + " is inside the store's directory "
                    + store + "; name one outside it");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException("backup directory " + target + " is a file, not a directory");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(
                            "backup directory " + target + " is not empty; name a new or empty directory");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read backup directory " + target, e);
            }
        }
    }

    /** Checks the closed store; prints the report as name=value lines, then one line per problem. */
    static int verify(KvstoreRun run) {
        VerifyReport report = Pagebox.verify(run.directory(), run.options());
        run.out().println("trees=" + report.trees());
        run.out().println("pages-checked=" + report.pagesChecked());
        run.out().println("entries=" + report.entries());
        run.out().println("leaked-pages=" + report.leakedPages());
        run.out().println("problems=" + report.problems().size());
        for (String problem : report.problems()) {
            run.out().println("problem: " + problem);
        }
        if (!report.isClean()) {
            run.err()
                    .println("kvstore: " + run.directory() + " is damaged: "
                            + report.problems().size() + " problem(s)");
            return Kvstore.DAMAGED;
        }
        return Kvstore.OK;
    }

    private static int print(KvstoreRun run, KeyRange range) {
        PageboxTree tree = existing(run);
        if (tree != null) {
            RangeScan.forEach(tree, range, false, (key, value) -> {
                run.out().println(EscapedText.escape(key) + '\t' + EscapedText.escape(value));
                return true;
            });
        }
        return Kvstore.OK;
    }

    private static @Nullable PageboxTree existing(KvstoreRun run) {
        Pagebox store = run.openStore();
        return store.trees().contains(run.tree()) ? store.tree(run.tree()) : null;
    }

    private static int notFound(KvstoreRun run, String key) {
        run.err().println("kvstore: key not found: " + key);
        return Kvstore.NOT_FOUND;
    }

    private static byte[] readInput(KvstoreRun run) {
        try {
            byte[] value = run.in().readNBytes(KvLimits.MAX_VALUE_BYTES + 1);
            if (value.length > KvLimits.MAX_VALUE_BYTES) {
                throw new IllegalArgumentException(
                        "the value on standard input exceeds the maximum of " + KvLimits.MAX_VALUE_BYTES + " bytes");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
