/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The fallback used where the native calls are unavailable must still give working, zeroed memory. */
class PortableNativeIoTest {
    private final NativeIo fallback = new PortableNativeIo();

    @Test
    void reservesZeroedMemoryAndForgetsItOnDontNeed() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment region = fallback.reserve(1 << 20, arena);
            assertThat(region.byteSize()).isEqualTo(1 << 20);
            assertThat(region.address() % fallback.osPageSize()).isZero();
            region.set(ValueLayout.JAVA_LONG, 4096, 42);
            fallback.adviseDontNeed(region);
            assertThat(region.get(ValueLayout.JAVA_LONG, 4096))
                    .as("DONTNEED semantics: reads as zero")
                    .isZero();
        }
    }

    @Test
    void doesNotPinOrAdvise() {
        assertThat(fallback.isNative()).isFalse();
        assertThat(fallback.pinCurrentThread(CpuSet.of(0))).isFalse();
        assertThat(fallback.currentThreadAffinity()).isEmpty();
        assertThat(fallback.currentCpu()).isEqualTo(-1);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = fallback.reserve(4096, arena);
            assertThat(fallback.adviseHugePages(region)).isFalse();
            assertThat(fallback.adviseDontFork(region)).isFalse();
        }
    }

    @Test
    void rejectsNonPositiveSizes() {
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> fallback.reserve(0, arena)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
