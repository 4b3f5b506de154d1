/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static dev.pagebox.internal.wal.WalTesting.payload;
import static dev.pagebox.internal.wal.WalTesting.segment;
import static dev.pagebox.internal.wal.WalTesting.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.FileChannelFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decodes a segment file by hand, following docs/wal.md, without using the log's own layout class. */
class WalFormatTest {
    @TempDir
    Path directory;

    private record Header(long lsn, int length, int crc, int type, int flags, long behind) {}

    private static Header header(ByteBuffer file, int offset) {
        return new Header(
                file.getLong(offset),
                file.getInt(offset + 8),
                file.getInt(offset + 12),
                Byte.toUnsignedInt(file.get(offset + 16)),
                Byte.toUnsignedInt(file.get(offset + 17)),
                Integer.toUnsignedLong(file.getInt(offset + 20)));
    }

    private static int crc(byte[] file, int offset, int length) {
        CRC32C crc = new CRC32C();
        byte[] header = Arrays.copyOfRange(file, offset, offset + 24);
        Arrays.fill(header, 12, 16, (byte) 0);
        crc.update(header);
        crc.update(file, offset + 24, length);
        return (int) crc.getValue();
    }

    @Test
    void segmentFileFollowsTheDocumentedLittleEndianFormat() throws IOException {
        WalConfig config = smallConfig(directory, FileChannelFactory.DEFAULT);
        byte[] first = payload(1, 5);
        byte[] second = payload(2, 100);
        long firstLsn;
        long secondLsn;
        try (Wal wal = Wal.open(config)) {
            firstLsn = wal.append(42, segment(first), CommitMode.STRICT);
            secondLsn = wal.append(255, segment(second), CommitMode.STRICT);
        }
        Path file = directory.resolve("wal-0000000000000000.log");
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes).hasSize((int) config.segmentSize());

        Header start = header(le, 0);
        assertThat(start).isEqualTo(new Header(0, 32, crc(bytes, 0, 32), 1, 1, 0));
        assertThat(new String(bytes, 24, 7, StandardCharsets.US_ASCII)).isEqualTo("PBOXWAL");
        assertThat(bytes[31]).isZero();
        assertThat(le.getInt(32)).as("format version").isEqualTo(2);
        assertThat(le.getInt(36)).as("segment flags: fresh").isEqualTo(1);
        assertThat(le.getLong(40)).as("store id").isEqualTo(WalTesting.STORE_ID);
        assertThat(le.getLong(48)).as("segment size").isEqualTo(config.segmentSize());

        assertThat(firstLsn).isEqualTo(56);
        Header one = header(le, 56);
        assertThat(one).isEqualTo(new Header(56, 5, crc(bytes, 56, 5), 42, 0, one.behind()));
        assertThat(Arrays.copyOfRange(bytes, 80, 85)).isEqualTo(first);
        assertThat(Arrays.copyOfRange(bytes, 85, 88)).as("padding").containsOnly(0);

        assertThat(secondLsn).isEqualTo(88);
        Header two = header(le, 88);
        assertThat(two).isEqualTo(new Header(88, 100, crc(bytes, 88, 100), 255, 0, two.behind()));
        assertThat(Arrays.copyOfRange(bytes, 112, 212)).isEqualTo(second);
        assertThat(88 - two.behind()).as("STRICT: the first record was durable").isGreaterThanOrEqualTo(88);

        Header shutdown = header(le, 216);
        assertThat(shutdown).isEqualTo(new Header(216, 0, crc(bytes, 216, 0), 2, 1, 0));
        assertThat(Arrays.copyOfRange(bytes, 240, bytes.length))
                .as("zeros past the end")
                .containsOnly(0);
    }

    @Test
    void paddingBeforeASegmentEndIsMadeOfFillerWords() throws IOException {
        WalConfig config = smallConfig(directory, FileChannelFactory.DEFAULT);
        long last = 0;
        try (Wal wal = Wal.open(config)) {
            while (last < config.segmentSize()) {
                last = wal.append(1, segment(new byte[1000]), CommitMode.NONE);
            }
        }
        byte[] bytes = Files.readAllBytes(directory.resolve("wal-0000000000000000.log"));
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int position = 56;
        while (le.getLong(position) == position) {
            position += (24 + le.getInt(position + 8) + 7) & -8;
        }
        assertThat(position).isLessThan(bytes.length);
        for (; position < bytes.length; position += 8) {
            assertThat(le.getLong(position)).as("filler at %d", position).isEqualTo(~(long) position);
        }
        ByteBuffer next = ByteBuffer.wrap(Files.readAllBytes(directory.resolve("wal-0000000000004000.log")))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(next.getLong(0)).isEqualTo(config.segmentSize());
        assertThat(next.get(16)).as("segment start type").isEqualTo((byte) 1);
    }
}
