/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A backup's copy of the log: the segment files holding a range of LSNs, each copied at full size with every byte at
 * or after the range's end zeroed, so that the copy ends there, cleanly, as a log whose tail was never written.
 */
final class LogBackup {
    private LogBackup() {}

    /**
     * Copies the log from {@code from} to {@code end} into {@code target}; the caller keeps truncation away.
     *
     * @param files the live segments
     * @param target the backup's log directory
     * @param from the backup's redo point
     * @param end a durable LSN; records at or after it are left out
     * @return the bytes copied
     */
    static long copy(SegmentFiles files, Path target, long from, long end) throws IOException {
        Files.createDirectories(target);
        long copied = 0;
        for (var segment : files.live().entrySet()) {
            long start = segment.getKey();
            long size = segment.getValue();
            if (start + size < from || start >= Math.max(end, from + 1)) {
                continue;
            }
            copied += copySegment(files.path(start), target.resolve(SegmentFiles.fileName(start)), size, end - start);
        }
        try (FileChannel directory = FileChannel.open(target, StandardOpenOption.READ)) {
            directory.force(true);
        }
        return copied;
    }

    private static long copySegment(Path source, Path target, long size, long keep) throws IOException {
        long kept = Math.max(0, Math.min(size, keep));
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long position = 0; position < kept; ) {
                position += in.transferTo(position, kept - position, out);
            }
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, size - kept)));
            for (long position = kept; position < size; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - position));
                position += out.write(zeros, position);
            }
            out.force(true);
        }
        return kept;
    }
}
