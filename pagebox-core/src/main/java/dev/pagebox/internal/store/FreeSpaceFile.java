/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import dev.pagebox.CorruptStoreException;
import dev.pagebox.FileChannelFactory;
import dev.pagebox.PageboxIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The free-space snapshot files {@code pagebox.free.0} and {@code pagebox.free.1}, little-endian. A checkpoint
 * with header sequence {@code s} writes file {@code s & 1} and syncs it before it writes header copy
 * {@code s & 1}, so the newest valid header always finds its snapshot intact next to it.
 *
 * <pre>
 *   0        8        16       24       32       40
 *   +--------+--------+--------+--------+--------+----------------------------+-------+
 *   | magic  |storeId |sequence|pageCnt |runCount| runCount x (start, length) | crc32c|
 *   +--------+--------+--------+--------+--------+----------------------------+-------+
 * </pre>
 *
 * The CRC32C covers every byte before it. The file is overwritten in place, so bytes of an older, longer snapshot
 * may follow the CRC; they are ignored.
 */
final class FreeSpaceFile {
    /** "PBFREE01" as a little-endian long. */
    private static final long MAGIC = 0x3130454552464250L;

    private static final int HEADER_BYTES = 5 * Long.BYTES;
    private static final int RUN_BYTES = 2 * Long.BYTES;

    private FreeSpaceFile() {}

    static Path path(Path directory, long sequence) {
        return directory.resolve("pagebox.free." + (sequence & 1));
    }

    /**
     * Writes and syncs the snapshot for header sequence {@code sequence}.
     *
     * @return the bytes written
     */
    static long write(
            FileChannelFactory channels, Path directory, long storeId, long sequence, FreeSpaceSnapshot snapshot) {
        int runs = snapshot.runCount();
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + runs * RUN_BYTES + Integer.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(MAGIC)
                .putLong(storeId)
                .putLong(sequence)
                .putLong(snapshot.pageCount())
                .putLong(runs);
        long[] starts = snapshot.runStarts();
        long[] lengths = snapshot.runLengths();
        for (int i = 0; i < runs; i++) {
            buffer.putLong(starts[i]).putLong(lengths[i]);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue()).flip();
        Path file = path(directory, sequence);
        long bytes = buffer.remaining();
        // Overwritten in place, never truncated: the file keeps the blocks it has, so a checkpoint on a full disk
        // needs new room only if the snapshot grew. Bytes past the snapshot's end are ignored.
        try (FileChannel channel = channels.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE))) {
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
            channel.force(true);
            return bytes;
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot write free-space snapshot " + file, e);
        }
    }

    /**
     * Reads the snapshot that belongs to header sequence {@code sequence}.
     *
     * @throws CorruptStoreException if the file is missing, damaged or belongs to another header
     */
    static FreeSpaceSnapshot read(Path directory, long storeId, long sequence) {
        Path file = path(directory, sequence);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CorruptStoreException(
                    "free-space snapshot " + file + " of header sequence " + sequence + " is missing (offset 0)");
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot read free-space snapshot " + file, e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER_BYTES + Integer.BYTES) {
            throw corrupt(file, "the file ends at offset " + bytes.length + ", inside its header");
        }
        if (buffer.getLong(0) != MAGIC) {
            throw corrupt(file, "no snapshot magic number at offset 0");
        }
        long runs = buffer.getLong(4 * Long.BYTES);
        if (runs < 0 || runs > (bytes.length - HEADER_BYTES - Integer.BYTES) / RUN_BYTES) {
            throw corrupt(file, "run count " + runs + " at offset 32 does not fit the file size " + bytes.length);
        }
        int end = HEADER_BYTES + (int) runs * RUN_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, end);
        if ((int) crc.getValue() != buffer.getInt(end)) {
            throw corrupt(file, "checksum mismatch over offsets 0 to " + end);
        }
        buffer.position(Long.BYTES);
        long fileStoreId = buffer.getLong();
        long fileSequence = buffer.getLong();
        if (fileStoreId != storeId || fileSequence != sequence) {
            throw corrupt(
                    file,
                    "belongs to store " + Long.toHexString(fileStoreId) + " sequence " + fileSequence
                            + ", expected store " + Long.toHexString(storeId) + " sequence " + sequence);
        }
        long pageCount = buffer.getLong();
        buffer.getLong(); // the run count, read above
        long[] starts = new long[(int) runs];
        long[] lengths = new long[(int) runs];
        for (int i = 0; i < runs; i++) {
            starts[i] = buffer.getLong();
            lengths[i] = buffer.getLong();
        }
        try {
            return new FreeSpaceSnapshot(pageCount, starts, lengths);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    private static CorruptStoreException corrupt(Path file, String detail) {
        return new CorruptStoreException("free-space snapshot " + file + " is damaged: " + detail);
    }
}
