/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.wal;

import dev.pagebox.SyncBackend;
import dev.pagebox.bench.io.BenchFiles;
import dev.pagebox.internal.nativeio.DirectIo;
import dev.pagebox.internal.nativeio.FileSystems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The disk's limit for small durable writes, the bound of a single STRICT committer: one thread writes 128
 * bytes after the previous ones into a pre-allocated, zero-filled file and makes them durable, as the log does
 * for one record.
 *
 * <ul>
 *   <li>{@code FDATASYNC}: {@code write} then {@code FileChannel.force(false)} ({@code fdatasync});
 *   <li>{@code DSYNC}: a file opened with {@code O_DSYNC}, one {@code write};
 *   <li>{@code DIRECT}: {@code O_DIRECT | O_DSYNC}, one write of the file-system block that holds the record
 *       (a direct write covers whole blocks, so the log rewrites its partial last block per sync).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class RawSyncBenchmark {
    static final int RECORD = 128;
    private static final long FILE_SIZE = 64L << 20;

    @Param({"FDATASYNC", "DSYNC", "DIRECT"})
    public SyncBackend backend;

    private Path directory;
    private FileChannel channel;
    private ByteBuffer record;
    private ByteBuffer block;
    private long blockSize;
    private long position;

    /** Creates and zero-fills the file, then opens it as the backend would. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = BenchFiles.createDirectory("raw-sync");
        Path file = directory.resolve("raw.log");
        try (FileChannel plain = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            BenchFiles.zeroFill(plain, FILE_SIZE);
        }
        Set<OpenOption> options = new HashSet<>(Set.of(StandardOpenOption.WRITE));
        if (backend != SyncBackend.FDATASYNC) {
            options.add(StandardOpenOption.DSYNC);
        }
        if (backend == SyncBackend.DIRECT) {
            options.add(DirectIo.openOption().orElseThrow());
        }
        channel = FileChannel.open(file, options);
        blockSize = FileSystems.blockSize(directory);
        record = ByteBuffer.allocateDirect(RECORD);
        for (int i = 0; i < RECORD; i++) {
            record.put(i, (byte) (i * 31 + 7));
        }
        block = ByteBuffer.allocateDirect((int) (2 * blockSize)).alignedSlice((int) blockSize);
        position = 0;
    }

    /** Closes and deletes the file. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        channel.close();
        BenchFiles.deleteRecursively(directory);
    }

    /**
     * One durable 128-byte write.
     *
     * @throws IOException if the disk fails
     */
    @Benchmark
    public void durableWrite() throws IOException {
        if (backend == SyncBackend.DIRECT) {
            block.clear();
            block.put((int) (position % blockSize), record, 0, RECORD);
            block.clear();
            BenchFiles.writeFully(channel, block, position - position % blockSize);
        } else {
            record.clear();
            BenchFiles.writeFully(channel, record, position);
            if (backend == SyncBackend.FDATASYNC) {
                channel.force(false);
            }
        }
        position += RECORD;
        if (position + RECORD > FILE_SIZE) {
            position = 0;
        }
    }
}
