/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PageboxOptionsTest {
    @Test
    void defaultsAreValidAndSurviveARoundTripThroughTheBuilder() {
        PageboxOptions defaults = PageboxOptions.defaults();
        assertThat(defaults.poolSize()).isEqualTo(256L << 20);
        assertThat(defaults.pageSize()).isEqualTo(16384);
        assertThat(defaults.commitMode()).isEqualTo(CommitMode.STRICT);
        assertThat(defaults.backgroundPinning()).isEqualTo(CpuPinning.OFF);
        assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
        PageboxOptions changed = defaults.toBuilder()
                .pageSize(65536)
                .commitMode(CommitMode.RELAXED)
                .build();
        assertThat(changed.toBuilder().build()).isEqualTo(changed);
    }

    static Stream<Arguments> wrongOptions() {
        return Stream.of(
                wrong("pageSize", b -> b.pageSize(3000)),
                wrong("pageSize", b -> b.pageSize(131072)),
                wrong("poolSize", b -> b.poolSize(7 * 16384)),
                wrong("flushInterval", b -> b.flushInterval(Duration.ZERO)),
                wrong("flushInterval", b -> b.flushInterval(Duration.ofMinutes(2))),
                wrong("walSegmentSize", b -> b.walSegmentSize(64L * 1024 * 1024 + 1)),
                wrong("walBufferSize", b -> b.walBufferSize(64 * 1024)),
                wrong("walBufferSize", b -> b.pageSize(65536).walBufferSize(1 << 20)),
                wrong("checkpointInterval", b -> b.checkpointInterval(Duration.ofSeconds(-1))),
                wrong("checkpointWalSize", b -> b.checkpointWalSize(1 << 20)),
                wrong("commitMode", b -> b.commitMode(null)));
    }

    private static Arguments wrong(String option, UnaryOperator<PageboxOptions.Builder> change) {
        return Arguments.of(option, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongOptions")
    void aWrongValueFailsNamingTheOption(String option, UnaryOperator<PageboxOptions.Builder> change) {
        assertThatThrownBy(() -> change.apply(PageboxOptions.builder()).build())
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
                .hasMessageContaining(option);
    }

    @Test
    void theSmallestLogFitsTheLargestRecordOfEveryPageSize() {
        for (int pageSize = 4096; pageSize <= 65536; pageSize *= 2) {
            long minimum = PageboxOptions.minimumLogSize(pageSize);
            long largestRecord = 2L * pageSize + 16 * ((16 << 20) / (pageSize - 48) + 1) + pageSize / 4 + 256 + 24;
            assertThat(minimum / 8).as("page size %d", pageSize).isGreaterThanOrEqualTo(largestRecord);
            assertThat(minimum).as("the default buffer fits").isLessThanOrEqualTo(4 << 20);
        }
    }

    @Test
    void cpuPinningParsesThePropertyForms() {
        assertThat(CpuPinning.parse("off")).isEqualTo(CpuPinning.OFF);
        assertThat(CpuPinning.parse(" AUTO ")).isEqualTo(CpuPinning.AUTO);
        assertThat(CpuPinning.parse("2-3")).isEqualTo(CpuPinning.cpus("2-3"));
        assertThatThrownBy(() -> CpuPinning.parse("3-x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpuPinning(CpuPinning.Mode.AUTO, "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only goes with mode CPUS");
    }
}
