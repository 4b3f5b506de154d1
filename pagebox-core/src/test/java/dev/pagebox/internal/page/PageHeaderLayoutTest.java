/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PageHeaderLayoutTest {
    private static final int PAGE_SIZE = 4096;

    @Test
    void fieldsAreLittleEndianAtTheirDocumentedOffsets() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(PAGE_SIZE, 8);
            PageHeaderLayout.initialize(page, 0x0102030405L, PageType.BTREE_INNER, 0x0A0B0C0D);
            PageHeaderLayout.setPageLsn(page, 0x1122334455667788L);
            PageHeaderLayout.stampChecksum(page);

            assertThat(page.get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 0x88);
            assertThat(page.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0))
                    .isEqualTo(0x1122334455667788L);
            assertThat(page.get(ValueLayout.JAVA_BYTE, 12)).isEqualTo((byte) PageType.BTREE_INNER.code());
            assertThat(page.get(ValueLayout.JAVA_BYTE, 16)).isEqualTo((byte) 0x05);
            assertThat(page.get(ValueLayout.JAVA_BYTE, 24)).isEqualTo((byte) 0x0D);
            assertThat(PageHeaderLayout.type(page)).isEqualTo(PageType.BTREE_INNER);
            assertThat(PageHeaderLayout.pageId(page)).isEqualTo(0x0102030405L);
            assertThat(PageHeaderLayout.treeId(page)).isEqualTo(0x0A0B0C0D);
            assertThat(PageHeaderLayout.formatVersion(page)).isEqualTo(PageHeaderLayout.FORMAT_VERSION);
        }
    }

    @Test
    void theChecksumCoversEveryByteButItself() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(PAGE_SIZE, 8);
            new Random(1).ints(PAGE_SIZE, 0, 256).forEach(new java.util.function.IntConsumer() {
                private int offset;

                @Override
                public void accept(int value) {
                    page.set(ValueLayout.JAVA_BYTE, offset++, (byte) value);
                }
            });
            PageHeaderLayout.initialize(page, 9, PageType.BTREE_LEAF, 1);
            PageHeaderLayout.stampChecksum(page);
            int stamped = PageHeaderLayout.storedChecksum(page);
            assertThat(PageHeaderLayout.computeChecksum(page)).isEqualTo(stamped);

            for (int offset : new int[] {0, 7, 12, 31, 32, 2048, PAGE_SIZE - 1}) {
                byte original = page.get(ValueLayout.JAVA_BYTE, offset);
                page.set(ValueLayout.JAVA_BYTE, offset, (byte) (original ^ 1));
                assertThat(PageHeaderLayout.computeChecksum(page))
                        .as("a flipped bit at %d changes the checksum", offset)
                        .isNotEqualTo(stamped);
                page.set(ValueLayout.JAVA_BYTE, offset, original);
            }
        }
    }

    @Test
    void pageIdsAndLsnsFollowTheirRules() {
        assertThat(PageIds.isDataPage(PageIds.HEADER_A)).isFalse();
        assertThat(PageIds.isDataPage(PageIds.HEADER_B)).isFalse();
        assertThat(PageIds.isDataPage(PageIds.FIRST_DATA)).isTrue();
        assertThat(PageIds.isDataPage(PageIds.MAX)).isTrue();
        assertThat(PageIds.isDataPage(PageIds.MAX + 1)).isFalse();
        assertThatThrownBy(() -> PageIds.checkDataPage(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PageIds.fileOffset(3, 16384)).isEqualTo(3L * 16384);
        assertThat(PageIds.fileOffset(PageIds.MAX, 65536)).isPositive();

        assertThat(Lsns.isApplied(100, 100)).isTrue();
        assertThat(Lsns.isApplied(100, 50)).isTrue();
        assertThat(Lsns.isApplied(100, 101)).isFalse();
        assertThat(Lsns.isApplied(Lsns.NONE, 8)).isFalse();
    }
}
