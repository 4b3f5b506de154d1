/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import dev.pagebox.PageboxIoException;
import dev.pagebox.StoreLockedException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Exclusive ownership of a data directory: an OS file lock ({@code fcntl}) on {@value #FILE_NAME}, held from
 * open to close. The kernel drops the lock when the process dies, so a {@code kill -9} never leaves a stale
 * lock. The file's text names the holder (pid, host, since when, opening thread) for the error message of a second
 * opener; a second opener in the same JVM is told so, since no other process is involved.
 */
final class DirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "pagebox.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks a directory.
     *
     * @param directory the data directory, which must exist
     * @return the held lock
     * @throws StoreLockedException if another process or another store in this JVM holds it
     */
    static DirectoryLock acquire(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot open lock file " + file, e);
        }
        try {
            FileLock lock = tryLock(channel, directory);
            if (lock == null) {
                String holder = readHolder(channel, "another process");
                closeQuietly(channel);
                throw new StoreLockedException(directory, holder);
            }
            writeHolder(channel);
            return new DirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw PageboxIoException.wrap("cannot lock " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Locks a directory for reading only, without writing to it: shared with other readers, excluding a writer
     * (whose exclusive lock fails, as this one fails while a writer holds the directory). A store without a lock
     * file (a copy, a backup) is opened without a lock, since creating the file would write to the directory.
     *
     * @param directory the data directory
     * @return the held lock, or null if the directory has no lock file
     * @throws StoreLockedException if a process or a store in this JVM has the directory open
     */
    static @Nullable DirectoryLock acquireShared(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot open lock file " + file, e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                throw new OpenInThisJvmException(directory, readHolder(channel, "a store still opening"));
            }
            if (lock == null) {
                String holder = readHolder(channel, "another process");
                closeQuietly(channel);
                throw new StoreLockedException(directory, holder);
            }
            return new DirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw PageboxIoException.wrap("cannot lock " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path directory) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // The JVM keeps one table of file locks for all its channels: another open Pagebox here holds it.
            throw new OpenInThisJvmException(directory, readHolder(channel, "a store still opening"));
        }
    }

    private static String readHolder(FileChannel channel, String unknown) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? unknown : text;
    }

    private static void writeHolder(FileChannel channel) throws IOException {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        String text = "process " + ProcessHandle.current().pid() + " on " + host + " since " + Instant.now()
                + ", thread '" + Thread.currentThread().getName() + "'";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing; the original exception says why.
        }
    }

    /**
     * The directory is open in this very JVM, by a store not yet closed: telling the user to stop another process
     * would send them looking for one that does not exist.
     */
    private static final class OpenInThisJvmException extends StoreLockedException {
        private static final long serialVersionUID = 1L;

        private final String message;

        OpenInThisJvmException(Path directory, String holder) {
            super(directory, holder);
            this.message = "data directory " + directory + " is already open in this JVM (" + holder
                    + "); a directory can be open in one Pagebox at a time: close that store first, or give each"
                    + " store its own directory";
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases the lock too.
        } finally {
            closeQuietly(channel);
        }
    }
}
