/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import dev.pagebox.PageboxIoException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads and writes the two header copies: copy A at offset 0, copy B at offset {@code pageSize}. The
 * newest valid copy (highest sequence) is the store's header; a checkpoint with sequence {@code s} writes
 * copy {@code s & 1}, which never holds the newest valid header, so a torn write loses nothing.
 *
 * <p>Copy B's offset depends on the page size, which is recorded in the copies themselves; if copy A is
 * unreadable, every legal page size is probed for a valid copy B whose own page size matches its offset.
 */
final class HeaderCopies {
    private static final int BLOCK = StoreHeaderLayout.MIN_PAGE_SIZE;

    private HeaderCopies() {}

    static Optional<StoreHeader> readNewest(FileChannel channel, long fileSize) throws IOException {
        MemorySegment block = alignedBlock();
        Optional<StoreHeader> copyA = readCopy(channel, fileSize, 0, block);
        Stream<Optional<StoreHeader>> candidates;
        if (copyA.isPresent()) {
            candidates =
                    Stream.of(copyA, readCopy(channel, fileSize, copyA.get().pageSize(), block));
        } else {
            Stream.Builder<Optional<StoreHeader>> probes = Stream.builder();
            for (int size = StoreHeaderLayout.MIN_PAGE_SIZE; size <= StoreHeaderLayout.MAX_PAGE_SIZE; size <<= 1) {
                probes.add(readCopy(channel, fileSize, size, block));
            }
            candidates = probes.build();
        }
        return candidates.flatMap(Optional::stream).max(Comparator.comparingLong(StoreHeader::sequence));
    }

    private static Optional<StoreHeader> readCopy(FileChannel channel, long fileSize, long offset, MemorySegment block)
            throws IOException {
        if (offset + StoreHeaderLayout.SIZE > fileSize) {
            return Optional.empty();
        }
        block.fill((byte) 0);
        ByteBuffer buffer = block.asByteBuffer();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break;
            }
        }
        Optional<StoreHeader> header = StoreHeaderLayout.read(block);
        // Copy B must sit where its own page size puts it; copy A always sits at 0.
        return header.filter(h -> offset == 0 || h.pageSize() == offset);
    }

    /** Writes the copy that header's sequence selects; returns the bytes written. */
    static long write(FileChannel channel, StoreHeader header, MemorySegment scratch) {
        MemorySegment block = scratch.asSlice(0, BLOCK);
        block.fill((byte) 0);
        StoreHeaderLayout.write(header, block);
        long offset = (header.sequence() & 1) == 0 ? 0 : header.pageSize();
        ByteBuffer buffer = block.asByteBuffer();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
            return BLOCK;
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot write header copy " + ((header.sequence() & 1) == 0 ? "A" : "B"), e);
        }
    }

    private static MemorySegment alignedBlock() {
        return MemorySegment.ofBuffer(ByteBuffer.allocateDirect(2 * BLOCK).alignedSlice(BLOCK));
    }
}
