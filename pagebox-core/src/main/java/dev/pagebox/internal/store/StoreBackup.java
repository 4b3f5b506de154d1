/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import dev.pagebox.PageboxIoException;
import dev.pagebox.internal.page.PageIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The page store's side of an online backup, which the engine runs while holding its checkpoint lock (so the header
 * copies and snapshots do not change meanwhile): from {@link #begin} to {@link #end}, every page written outside the
 * log (an overflow value's) is noted, and freed pages are not reused, since the log the backup copies may still
 * describe their old content.
 */
public final class StoreBackup {
    private final Path directory;
    private final Path dataFile;
    private final int pageSize;
    private final FreePageAllocator allocator;
    /** While a backup runs: the pages written outside the log since it began. */
    private volatile @Nullable Set<Long> unlogged;

    StoreBackup(Path directory, Path dataFile, int pageSize, FreePageAllocator allocator) {
        this.directory = directory;
        this.dataFile = dataFile;
        this.pageSize = pageSize;
        this.allocator = allocator;
    }

    /** Starts the backup's view: pages written outside the log are noted, freed pages kept from reuse. */
    public void begin() {
        unlogged = ConcurrentHashMap.newKeySet();
        allocator.deferFrees();
    }

    /** Ends the backup's view: frees deferred meanwhile take effect. */
    public void end() {
        unlogged = null;
        allocator.releaseDeferredFrees();
    }

    /** Notes a page written outside the log, if a backup runs. */
    void noteUnlogged(long pageId) {
        Set<Long> pages = unlogged;
        if (pages != null) {
            pages.add(pageId);
        }
    }

    /**
     * Copies the data file and the free-space snapshots into a directory. Pages written during the copy may be copied
     * old, new or torn: the log the backup copies afterwards repairs each of them.
     *
     * @param target the backup's directory
     * @return the bytes copied
     */
    public long copyDataTo(Path target) {
        long copied = copyFile(dataFile, target.resolve(PageStore.DATA_FILE), -1);
        for (int parity = 0; parity < 2; parity++) {
            Path free = FreeSpaceFile.path(directory, parity);
            if (Files.exists(free)) {
                copied += copyFile(free, target.resolve(free.getFileName()), -1);
            }
        }
        return copied;
    }

    /**
     * Copies again the pages written outside the log since {@link #begin}: they are referenced by log records the
     * backup holds but were not covered by its copy of the data file.
     *
     * @param target the backup's directory
     * @return the number of pages copied
     */
    public int copyUnloggedPagesTo(Path target) {
        Set<Long> pages = unlogged;
        if (pages == null || pages.isEmpty()) {
            return 0;
        }
        ByteBuffer page = ByteBuffer.allocate(pageSize);
        try (FileChannel source = FileChannel.open(dataFile, StandardOpenOption.READ);
                FileChannel copy = FileChannel.open(target.resolve(PageStore.DATA_FILE), StandardOpenOption.WRITE)) {
            for (long pageId : pages) {
                long offset = PageIds.fileOffset(pageId, pageSize);
                page.clear();
                while (page.hasRemaining() && source.read(page, offset + page.position()) >= 0) {
                    // read the whole page
                }
                page.flip();
                while (page.hasRemaining()) {
                    copy.write(page, offset + page.position());
                }
            }
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot copy overflow pages of " + dataFile + " to " + target, e);
        }
        return pages.size();
    }

    /**
     * Copies a file (or its first {@code length} bytes, if not negative) into a new file and syncs the copy.
     *
     * @param source the file
     * @param target the copy, which must not exist
     * @param length how many bytes, or -1 for all
     * @return the bytes copied
     */
    public static long copyFile(Path source, Path target, long length) {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = length < 0 ? in.size() : Math.min(length, in.size());
            for (long position = 0; position < size; ) {
                position += in.transferTo(position, size - position, out);
            }
            out.force(true);
            return size;
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot copy " + source + " to " + target, e);
        }
    }
}
