/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.wal;

import dev.pagebox.bench.io.BenchFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The disk's sequential write bandwidth, the bound of RELAXED appends: an operation writes 64 MiB in 1 MiB
 * writes into a pre-allocated 256 MiB file (cycling through it) and then syncs once ({@code fdatasync}); the
 * score in operations per second is MiB per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SequentialWriteBenchmark {
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS_PER_OP = 64;
    private static final long FILE_SIZE = 256L << 20;

    private Path directory;
    private FileChannel channel;
    private ByteBuffer chunk;
    private long position;

    /** Creates the file, zero-filled and synced. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = BenchFiles.createDirectory("seq-write");
        channel =
                FileChannel.open(directory.resolve("seq.dat"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        BenchFiles.zeroFill(channel, FILE_SIZE);
        chunk = ByteBuffer.allocateDirect(CHUNK);
        for (int i = 0; i < CHUNK; i++) {
            chunk.put(i, (byte) (i * 31 + 7));
        }
    }

    /** Closes and deletes the file. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        channel.close();
        BenchFiles.deleteRecursively(directory);
    }

    /**
     * Writes 64 MiB sequentially and syncs.
     *
     * @throws IOException if the disk fails
     */
    @Benchmark
    @OperationsPerInvocation(CHUNKS_PER_OP)
    public void write64MiBAndSync() throws IOException {
        for (int i = 0; i < CHUNKS_PER_OP; i++) {
            chunk.clear();
            BenchFiles.writeFully(channel, chunk, position);
            position = (position + CHUNK) % FILE_SIZE;
        }
        channel.force(false);
    }
}
