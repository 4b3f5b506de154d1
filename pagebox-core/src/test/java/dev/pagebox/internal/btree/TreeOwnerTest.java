/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.internal.buffer.BufferPool;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the pool learns from the tree about its pages. */
class TreeOwnerTest {
    @Test
    void isChildSwipAnswersExactlyForTheOffsetsThatForEachChildSwipVisits() {
        try (TreeFixture fixture = new TreeFixture(512, 4096, false)) {
            for (int i = 0; i < 20_000; i++) {
                byte[] key =
                        ByteBuffer.allocate(8).putLong(i * 0x9E3779B97F4A7C15L).array();
                fixture.tree.put(key, key, CommitMode.NONE);
            }
            BufferPool pool = fixture.pool;
            TreeOwner owner = new TreeOwner(fixture.tree.access());
            int root = fixture.tree.rootFrame();
            pool.frames().lockShared(root);
            try {
                MemorySegment page = pool.frames().page(root);
                assertThat(Node.isInner(page))
                        .as("the root of 20,000 keys is an inner node")
                        .isTrue();
                assertAgrees(owner, page);
                long firstChild = NodeLayout.swipOffset(NodeLayout.slot(NodeLayout.INNER_SLOT, 0));
                int child = pool.resolve(root, BufferPool.PARENT_LATCHED, firstChild);
                assertThat(child).isNotEqualTo(BufferPool.RESTART);
                assertAgrees(owner, pool.frames().page(child)); // an inner node or a leaf: either way they agree
            } finally {
                pool.frames().unlockShared(root);
            }
        }
    }

    private static void assertAgrees(TreeOwner owner, MemorySegment page) {
        Set<Long> visited = new HashSet<>();
        owner.forEachChildSwip(page, visited::add);
        for (long offset = 0; offset < page.byteSize(); offset += Long.BYTES) {
            assertThat(owner.isChildSwip(page, offset)).as("offset %d", offset).isEqualTo(visited.contains(offset));
        }
        assertThat(owner.isChildSwip(page, NodeLayout.UPPER_SWIP + 4)).isFalse();
    }
}
