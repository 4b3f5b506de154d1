/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.swip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pagebox.internal.page.PageIds;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoding, decoding and state tests of {@link SwipWord} against the bit diagram in its javadoc. */
final class SwipWordTest {
    /** The layout of the class javadoc, restated so that a silent change fails here. */
    private static final long EVICTED_BIT = 1L << 63;

    private static final long COOLING_BIT = 1L << 62;
    private static final long PAYLOAD_MASK = (1L << 46) - 1;

    @Test
    void payloadLimitsMatchPageIds() {
        assertThat(SwipWord.MAX_FRAME_INDEX).isEqualTo(PAYLOAD_MASK);
        assertThat(PageIds.MAX).isEqualTo(PAYLOAD_MASK);
        assertThat(SwipWord.NONE).isEqualTo(EVICTED_BIT);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 12, Integer.MAX_VALUE, 1L << 32, PAYLOAD_MASK - 1, PAYLOAD_MASK})
    void hotSwipHoldsTheFrameIndexWithNoTag(long frameIndex) {
        long swip = SwipWord.hot(frameIndex);

        assertThat(swip).isEqualTo(frameIndex);
        assertThat(SwipWord.isHot(swip)).isTrue();
        assertThat(SwipWord.isCooling(swip)).isFalse();
        assertThat(SwipWord.isResident(swip)).isTrue();
        assertThat(SwipWord.isEvicted(swip)).isFalse();
        assertThat(SwipWord.frameIndex(swip)).isEqualTo(frameIndex);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 12, Integer.MAX_VALUE, 1L << 32, PAYLOAD_MASK - 1, PAYLOAD_MASK})
    void coolingSwipKeepsTheFrameIndexAndSetsOnlyTheCoolingBit(long frameIndex) {
        long swip = SwipWord.cooling(frameIndex);

        assertThat(swip).isEqualTo(COOLING_BIT | frameIndex);
        assertThat(SwipWord.isCooling(swip)).isTrue();
        assertThat(SwipWord.isHot(swip)).isFalse();
        assertThat(SwipWord.isResident(swip)).isTrue();
        assertThat(SwipWord.isEvicted(swip)).isFalse();
        assertThat(SwipWord.frameIndex(swip)).isEqualTo(frameIndex);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, PageIds.FIRST_DATA, 4711, 1L << 40, PageIds.MAX - 1, PageIds.MAX})
    void evictedSwipHoldsThePageIdAndTheEvictedBit(long pageId) {
        long swip = SwipWord.evicted(pageId);

        assertThat(swip).isEqualTo(EVICTED_BIT | pageId);
        assertThat(SwipWord.isEvicted(swip)).isTrue();
        assertThat(SwipWord.isResident(swip)).isFalse();
        assertThat(SwipWord.isHot(swip)).isFalse();
        assertThat(SwipWord.isCooling(swip)).isFalse();
        assertThat(SwipWord.pageId(swip)).isEqualTo(pageId);
    }

    @Test
    void noneIsTheEvictedSwipOfTheNonePage() {
        assertThat(SwipWord.evicted(PageIds.NONE)).isEqualTo(SwipWord.NONE);
        assertThat(SwipWord.isEvicted(SwipWord.NONE)).isTrue();
        assertThat(SwipWord.isResident(SwipWord.NONE)).isFalse();
        assertThat(SwipWord.pageId(SwipWord.NONE)).isEqualTo(PageIds.NONE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7, PAYLOAD_MASK})
    void coolingAndReheatingKeepTheFrameIndex(long frameIndex) {
        long hot = SwipWord.hot(frameIndex);
        long cooling = SwipWord.toCooling(hot);

        assertThat(cooling).isEqualTo(SwipWord.cooling(frameIndex));
        assertThat(SwipWord.frameIndex(cooling)).isEqualTo(frameIndex);
        assertThat(SwipWord.toHot(cooling)).isEqualTo(hot);
    }

    @Test
    void frameIndexAndPageIdDoNotOverlapTheTagBits() {
        assertThat(SwipWord.hot(PAYLOAD_MASK) & (EVICTED_BIT | COOLING_BIT)).isZero();
        assertThat(SwipWord.evicted(PageIds.MAX) & COOLING_BIT).isZero();
        assertThat(SwipWord.cooling(PAYLOAD_MASK) & EVICTED_BIT).isZero();
        assertThat(SwipWord.hot(PAYLOAD_MASK) | SwipWord.cooling(0) | SwipWord.evicted(0))
                .as("bits 46..61 are always zero")
                .isEqualTo(EVICTED_BIT | COOLING_BIT | PAYLOAD_MASK);
    }

    @Test
    void describeNamesStateAndPayload() {
        assertThat(SwipWord.describe(SwipWord.hot(12))).isEqualTo("HOT(frame 12)");
        assertThat(SwipWord.describe(SwipWord.cooling(12))).isEqualTo("COOLING(frame 12)");
        assertThat(SwipWord.describe(SwipWord.evicted(7))).isEqualTo("EVICTED(page 7)");
        assertThat(SwipWord.describe(SwipWord.NONE)).isEqualTo("NONE");
        assertThat(SwipWord.describe(SwipWord.hot(PAYLOAD_MASK))).isEqualTo("HOT(frame " + PAYLOAD_MASK + ")");
        assertThat(SwipWord.describe(SwipWord.evicted(PageIds.MAX))).isEqualTo("EVICTED(page " + PageIds.MAX + ")");
    }

    @Test
    void describeFlagsInvalidWords() {
        assertThat(SwipWord.describe(EVICTED_BIT | COOLING_BIT | 5)).isEqualTo("INVALID(E+C, page 5)");
        assertThat(SwipWord.describe(1L << 46 | 1)).isEqualTo("HOT(frame 1) with stray bits 400000000001");
        assertThat(SwipWord.describe(COOLING_BIT | 1L << 61 | 3))
                .isEqualTo("COOLING(frame 3) with stray bits 6000000000000003");
        assertThat(SwipWord.describe(EVICTED_BIT | 1L << 50 | 9))
                .isEqualTo("EVICTED(page 9) with stray bits 8004000000000009");
        assertThat(SwipWord.describe(SwipWord.NONE | 1L << 50))
                .as("NONE plus junk is not NONE")
                .isEqualTo("EVICTED(page 0) with stray bits 8004000000000000");
    }

    /**
     * The factories and accessors check their arguments with {@code assert} (they sit on the hot path), so these
     * rejections hold in tests and debug runs, which enable assertions.
     */
    @Test
    void invalidArgumentsAreRejectedWhenAssertionsAreEnabled() {
        assumeTrue(SwipWord.class.desiredAssertionStatus(), "assertions disabled");

        assertRejected(() -> SwipWord.hot(-1));
        assertRejected(() -> SwipWord.hot(PAYLOAD_MASK + 1));
        assertRejected(() -> SwipWord.cooling(-1));
        assertRejected(() -> SwipWord.cooling(PAYLOAD_MASK + 1));
        assertRejected(() -> SwipWord.evicted(-1));
        assertRejected(() -> SwipWord.evicted(PageIds.MAX + 1));
    }

    @Test
    void accessorsOfTheWrongStateAreRejectedWhenAssertionsAreEnabled() {
        assumeTrue(SwipWord.class.desiredAssertionStatus(), "assertions disabled");

        assertRejected(() -> SwipWord.frameIndex(SwipWord.evicted(5)));
        assertRejected(() -> SwipWord.frameIndex(SwipWord.NONE));
        assertRejected(() -> SwipWord.pageId(SwipWord.hot(5)));
        assertRejected(() -> SwipWord.pageId(SwipWord.cooling(5)));
        assertRejected(() -> SwipWord.toCooling(SwipWord.cooling(5)));
        assertRejected(() -> SwipWord.toCooling(SwipWord.evicted(5)));
        assertRejected(() -> SwipWord.toHot(SwipWord.hot(5)));
        assertRejected(() -> SwipWord.toHot(SwipWord.evicted(5)));
    }

    private static void assertRejected(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AssertionError.class);
    }
}
