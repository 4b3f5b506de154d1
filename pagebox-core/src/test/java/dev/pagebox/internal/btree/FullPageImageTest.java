/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.BufferPoolConfig;
import dev.pagebox.internal.wal.LogClaim;
import dev.pagebox.internal.wal.RedoHolds;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first change to a page after a checkpoint's redo point is logged with the page's full image. */
class FullPageImageTest {
    private static final int PAGE_SIZE = 4096;

    @Test
    void aChangeAfterTheRedoPointLogsTheImageFirst() {
        try (TreeFixture fixture = new TreeFixture(32, PAGE_SIZE, false)) {
            fixture.tree.put(bytes("a"), bytes("1"), CommitMode.NONE);
            int first = fixture.log.entries().size();
            fixture.pool.setFullImageThreshold(Long.MAX_VALUE);
            fixture.tree.put(bytes("b"), bytes("2"), CommitMode.NONE);
            List<RecordingLog.Entry> records =
                    fixture.log.entries().subList(first, fixture.log.entries().size());
            assertThat(records)
                    .extracting(RecordingLog.Entry::type)
                    .containsExactly(TreeRecords.IMAGE, TreeRecords.PUT);
            assertThat(pageOf(records.get(0))).isEqualTo(pageOf(records.get(1)));
        }
    }

    @Test
    void aCheckpointStartingWhileAChangeIsLoggedGetsTheImageRightAfterIt() {
        MemoryPages pages = new MemoryPages();
        RecordingLog recording = new RecordingLog();
        BufferPool[] pool = new BufferPool[1];
        boolean[] armed = {false};
        TreeLog log = new TreeLog() {
            @Override
            public LogClaim claim(int type, int length) {
                return recording.claim(type, length);
            }

            @Override
            public void abort(LogClaim claim) {
                recording.abort(claim);
            }

            @Override
            public long commit(LogClaim claim, CommitMode mode) {
                long lsn = recording.commit(claim, mode);
                if (armed[0] && claim.type() == TreeRecords.PUT) {
                    armed[0] = false;
                    pool[0].setFullImageThreshold(lsn); // a checkpoint picked its redo point just now
                }
                return lsn;
            }

            @Override
            public void flush(long lsn) {
                recording.flush(lsn);
            }

            @Override
            public void flushAll() {
                recording.flushAll();
            }

            @Override
            public long durableLsn() {
                return recording.durableLsn();
            }

            @Override
            public int maxPayloadSize() {
                return recording.maxPayloadSize();
            }

            @Override
            public RedoHolds.Hold hold() {
                return recording.hold();
            }
        };
        pool[0] = new BufferPool(
                new BufferPoolConfig(32L * PAGE_SIZE, PAGE_SIZE, 10, 5, Duration.ofSeconds(5), false),
                pages,
                recording);
        try (BufferPool closing = pool[0]) {
            BTree tree = BTree.create(closing, log, pages, 9);
            tree.put(bytes("a"), bytes("1"), CommitMode.NONE);
            int first = recording.entries().size();
            armed[0] = true;
            tree.put(bytes("b"), bytes("2"), CommitMode.NONE);
            List<RecordingLog.Entry> records =
                    recording.entries().subList(first, recording.entries().size());
            // The PUT was made before the threshold moved, so no image preceded it; one follows it, showing the page
            // with the change, so recovery from the redo point can rebuild a torn page.
            assertThat(records)
                    .extracting(RecordingLog.Entry::type)
                    .containsExactly(TreeRecords.PUT, TreeRecords.IMAGE);
            assertThat(pageOf(records.get(1))).isEqualTo(pageOf(records.get(0)));
            assertThat(records.get(1).lsn()).isGreaterThanOrEqualTo(closing.fullImageThreshold());
            byte[] image = records.get(1).payload();
            assertThat(new String(image, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .contains("b2");
        }
    }

    private static long pageOf(RecordingLog.Entry record) {
        return ByteBuffer.wrap(record.payload()).order(ByteOrder.LITTLE_ENDIAN).getLong(4);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
