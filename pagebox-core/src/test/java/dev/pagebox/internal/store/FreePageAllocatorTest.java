/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.internal.page.PageIds;
import dev.pagebox.internal.wal.RedoHolds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePageAllocatorTest {
    private static final int PAGE_SIZE = 16384;

    private final List<Long> growths = new ArrayList<>();

    private FreePageAllocator empty() {
        return FreePageAllocator.empty(PAGE_SIZE, growths::add);
    }

    @Test
    void randomAllocationsAndFreesNeverHandOutAPageTwice() {
        FreePageAllocator allocator = empty();
        Set<Long> live = new HashSet<>();
        Random random = new Random(7);
        for (int step = 0; step < 20_000; step++) {
            if (live.isEmpty() || random.nextInt(3) > 0) {
                long id = allocator.allocate(RedoHolds.CLOSED);
                assertThat(id).isGreaterThanOrEqualTo(PageIds.FIRST_DATA);
                assertThat(live.add(id)).as("page %d handed out twice", id).isTrue();
            } else {
                long id = live.iterator().next();
                live.remove(id);
                allocator.free(id);
            }
            if (step % 5000 == 0) {
                FreeSpaceSnapshot snapshot = allocator.snapshot();
                FreePageAllocator restored = FreePageAllocator.restore(PAGE_SIZE, growths::add, snapshot);
                assertThat(restored.freePages()).isEqualTo(allocator.freePages());
                assertThat(restored.pageCount()).isEqualTo(allocator.pageCount());
            }
        }
        assertThat(allocator.pageCount() - PageIds.FIRST_DATA - allocator.freePages())
                .isEqualTo(live.size());
    }

    @Test
    void theFileGrowsByExtentsThatScaleWithItsSize() {
        FreePageAllocator allocator = empty();
        for (int i = 0; i < 100_000; i++) {
            allocator.allocate(RedoHolds.CLOSED);
        }
        // Extents of 1/8 of the file: about 60 growths for 100k pages, not one per page.
        assertThat(growths).hasSizeLessThan(80);
        long previous = 0;
        for (int i = 1; i < growths.size(); i++) {
            long extent = growths.get(i) - growths.get(i - 1);
            assertThat(extent).as("extents never shrink").isGreaterThanOrEqualTo(previous);
            previous = extent;
            assertThat(extent).isGreaterThanOrEqualTo((1 << 20) / PAGE_SIZE);
            assertThat(extent).isLessThanOrEqualTo((64 << 20) / PAGE_SIZE);
        }
    }

    @Test
    void recoveryMarksAreIdempotentAndGrowTheCoveredRange() {
        FreePageAllocator allocator = empty();
        allocator.markAllocated(1000);
        allocator.markAllocated(1000);
        assertThat(allocator.pageCount()).isEqualTo(1001);
        assertThat(allocator.isFree(1000)).isFalse();
        assertThat(allocator.isFree(999)).isTrue();
        allocator.markFree(1000);
        allocator.markFree(1000);
        allocator.markFree(5000); // beyond the file: already free
        assertThat(allocator.isFree(1000)).isTrue();
        assertThat(allocator.freePages()).isEqualTo(1001 - PageIds.FIRST_DATA);
    }

    @Test
    void misuseIsReported() {
        FreePageAllocator allocator = empty();
        long id = allocator.allocate(RedoHolds.CLOSED);
        allocator.free(id);
        assertThatThrownBy(() -> allocator.free(id)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> allocator.free(PageIds.HEADER_B)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocator.free(allocator.pageCount())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedGrowthLeavesTheAllocatorUnchanged() {
        FreePageAllocator allocator = FreePageAllocator.empty(PAGE_SIZE, count -> {
            throw new IllegalStateException("disk full");
        });
        assertThatThrownBy(() -> allocator.allocate(RedoHolds.CLOSED)).hasMessage("disk full");
        assertThat(allocator.pageCount()).isEqualTo(PageIds.FIRST_DATA);
        assertThat(allocator.freePages()).isZero();
    }
}
