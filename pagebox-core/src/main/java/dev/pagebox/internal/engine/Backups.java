/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import dev.pagebox.BackupSummary;
import dev.pagebox.PageboxIoException;
import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.StoreBackup;
import dev.pagebox.internal.wal.Wal;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Online backups: a copy of the store in an empty directory, made while writers go on, that opens as a store of its
 * own with every write acknowledged before the backup began.
 *
 * <p>How: a checkpoint (skipped on a full disk, then the last one serves); with checkpoints held off, the data file
 * and free-space snapshots are copied (pages written meanwhile may come out old, new or torn); the log is made
 * durable to its end {@code E}; overflow pages written since the copy began are copied again (they are the only
 * pages the log does not describe, and freed pages are not reused while the backup runs); the log from the
 * checkpoint's redo point to {@code E} is copied, with nothing after {@code E}. Opening the copy replays that log:
 * every page is brought to {@code E} and torn pages are rebuilt from their images, as after a crash. A store open
 * read-only is copied as its files are.
 */
final class Backups {
    private final Path directory;
    private final boolean readOnly;
    private final PageStore store;
    private final Wal wal;
    private final Checkpointer checkpointer;

    Backups(Path directory, boolean readOnly, PageStore store, Wal wal, Checkpointer checkpointer) {
        this.directory = directory;
        this.readOnly = readOnly;
        this.store = store;
        this.wal = wal;
        this.checkpointer = checkpointer;
    }

    /**
     * Copies the store.
     *
     * @param target a directory that does not exist or is empty
     * @return what was copied
     */
    BackupSummary backup(Path target) {
        long started = System.nanoTime();
        prepareDirectory(target);
        if (readOnly) {
            return copyFilesAsTheyAre(target, started);
        }
        return checkpointer.holdingCheckpoints(() -> {
            checkpointer.checkpointUnlessDiskFull(
                    System.Logger.Level.INFO, "{0}: backing up from the last checkpoint, the disk is full: {1}");
            long redo = store.header().checkpointLsn();
            StoreBackup backup = store.backup();
            backup.begin();
            try {
                long dataBytes = backup.copyDataTo(target);
                wal.flushAll();
                long end = wal.durableLsn();
                backup.copyUnloggedPagesTo(target);
                long logBytes = wal.copyTo(target.resolve("wal"), redo, end);
                syncDirectory(target);
                return new BackupSummary(
                        target, dataBytes, logBytes, end, Duration.ofNanos(System.nanoTime() - started));
            } finally {
                backup.end();
            }
        });
    }

    private static void prepareDirectory(Path target) {
        try {
            Files.createDirectories(target);
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("backup directory " + target + " is not empty");
                }
            }
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot prepare backup directory " + target, e);
        }
    }

    /** A read-only store's files never change while it is open: a plain copy is a consistent one. */
    private BackupSummary copyFilesAsTheyAre(Path target, long started) {
        long dataBytes = 0;
        long logBytes = 0;
        try (var files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = directory.relativize(file);
                if (relative.toString().equals("pagebox.lock")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                Files.createDirectories(copy.getParent());
                long bytes = StoreBackup.copyFile(file, copy, -1);
                if (relative.getNameCount() > 1) {
                    logBytes += bytes;
                } else {
                    dataBytes += bytes;
                }
            }
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot copy " + directory + " to " + target, e);
        }
        syncDirectory(target);
        return new BackupSummary(
                target, dataBytes, logBytes, wal.durableLsn(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static void syncDirectory(Path target) {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot sync backup directory " + target, e);
        }
    }
}
