/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class PosixNativeIoTest {
    private static final long MIB = 1L << 20;
    private static final long TIB = 1L << 40;

    private static NativeIo nativeIo;

    @BeforeAll
    static void linuxIsNative() {
        nativeIo = NativeIo.system();
        assertThat(nativeIo.isNative())
                .as("tests run with --enable-native-access, so Linux must get the native implementation")
                .isTrue();
    }

    @Test
    void oneTebibyteReservationCommitsOnlyWhatIsTouched() {
        long before = ProcessMemory.residentBytes();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment reserved = nativeIo.reserve(TIB, arena);
            assertThat(reserved.byteSize()).isEqualTo(TIB);
            assertThat(reserved.address() % nativeIo.osPageSize()).isZero();

            // Touch 16 pages spread over the whole terabyte: they read as zero and keep what is written.
            long stride = TIB / 16;
            for (long offset = 0; offset < TIB; offset += stride) {
                assertThat(reserved.get(ValueLayout.JAVA_LONG, offset)).isZero();
                reserved.set(ValueLayout.JAVA_LONG, offset, offset + 1);
            }
            for (long offset = 0; offset < TIB; offset += stride) {
                assertThat(reserved.get(ValueLayout.JAVA_LONG, offset)).isEqualTo(offset + 1);
            }
            assertThat(ProcessMemory.residentBytes() - before)
                    .as("resident growth after touching 16 pages of a 1 TiB reservation")
                    .isLessThan(64 * MIB);
        }
    }

    @Test
    void dontNeedReturnsTouchedMemoryAndZeroesIt() {
        long size = 256 * MIB;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment region = nativeIo.reserve(size, arena);
            long before = ProcessMemory.residentBytesOfMapping(region.address());
            region.fill((byte) 0x5A);
            long touched = ProcessMemory.residentBytesOfMapping(region.address());
            assertThat(touched - before).as("filling 256 MiB commits it").isGreaterThan(200 * MIB);

            nativeIo.adviseDontNeed(region);

            long after = ProcessMemory.residentBytesOfMapping(region.address());
            assertThat(touched - after)
                    .as("MADV_DONTNEED gives the 256 MiB back")
                    .isGreaterThan(200 * MIB);
            assertThat(region.get(ValueLayout.JAVA_BYTE, size / 2)).isZero();
            assertThat(region.get(ValueLayout.JAVA_BYTE, size - 1)).isZero();
        }
    }

    @Test
    void adviceOnAReservationIsAccepted() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment region = nativeIo.reserve(64 * MIB, arena);
            assertThat(nativeIo.adviseDontFork(region)).isTrue();
            // THP may be disabled system-wide ("never"), in which case the kernel rejects MADV_HUGEPAGE.
            boolean hugePagesAvailable = !HugePages.mode().equals("never");
            assertThat(nativeIo.adviseHugePages(region)).isEqualTo(hugePagesAvailable);
        }
    }

    @Test
    void closingTheArenaUnmapsTheReservation() {
        Arena arena = Arena.ofShared();
        MemorySegment region = nativeIo.reserve(MIB, arena);
        region.set(ValueLayout.JAVA_INT, 0, 7);
        arena.close();
        assertThatThrownBy(() -> region.get(ValueLayout.JAVA_INT, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pinningMovesTheThreadToTheChosenCpu() throws Exception {
        CpuSet online = CpuTopology.detect().onlineCpus();
        Optional<CpuSet> original = nativeIo.currentThreadAffinity();
        assumeTrue(original.isPresent() && original.get().size() > 1, "needs at least two allowed CPUs");
        int[] allowed = original.get().stream().filter(online::contains).toArray();
        for (int cpu : new int[] {allowed[allowed.length - 1], allowed[0]}) {
            boolean[] pinned = new boolean[1];
            int[] observed = new int[1];
            CpuSet[] affinity = new CpuSet[1];
            Thread.ofPlatform()
                    .start(() -> {
                        pinned[0] = nativeIo.pinCurrentThread(CpuSet.of(cpu));
                        affinity[0] = nativeIo.currentThreadAffinity().orElseThrow();
                        // sched_setaffinity migrates the calling thread before it returns.
                        observed[0] = nativeIo.currentCpu();
                    })
                    .join();
            assertThat(pinned[0]).isTrue();
            assertThat(affinity[0]).isEqualTo(CpuSet.of(cpu));
            assertThat(observed[0])
                    .as("thread pinned to CPU %d runs there", cpu)
                    .isEqualTo(cpu);
        }
        // Pinning one thread does not change the affinity of the others.
        assertThat(nativeIo.currentThreadAffinity()).isEqualTo(original);
    }

    @Test
    void virtualThreadsCannotBePinned() throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        nativeIo.pinCurrentThread(CpuSet.of(0));
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                })
                .join();
        assertThat(failure[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("virtual");
    }

    @Test
    void fileSystemBlockSizeIsAPowerOfTwo() throws Exception {
        long blockSize = FileSystems.blockSize(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(blockSize).isPositive();
        assertThat(Long.bitCount(blockSize)).isEqualTo(1);
    }
}
