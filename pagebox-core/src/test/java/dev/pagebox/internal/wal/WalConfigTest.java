/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WalConfigTest {
    private final WalConfig defaults = WalConfig.of(Path.of("/unused"), 1);

    @Test
    void rejectsBadOptionsNamingThem() {
        assertThatThrownBy(() -> defaults.withSegmentSize(1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WalConfig.segmentSize is 1000");
        assertThatThrownBy(() -> defaults.withSegmentSize(64 * 1024 + 8))
                .hasMessageContaining("WalConfig.segmentSize")
                .hasMessageContaining("multiple of 4096");
        assertThatThrownBy(() -> defaults.withBufferSize(4096))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WalConfig.bufferSize is 4096");
        assertThatThrownBy(() -> defaults.withFlushInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WalConfig.flushInterval");
        assertThatThrownBy(() -> defaults.withSyncBackend(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("WalConfig.syncBackend");
    }

    @Test
    void recordsTakeAtMostAnEighthOfTheSmallerOfSegmentAndBuffer() {
        assertThat(defaults.maxPayloadSize()).isEqualTo(WalConfig.DEFAULT_BUFFER_SIZE / 8 - 24);
        assertThat(defaults.withSegmentSize(16 * 1024).maxPayloadSize()).isEqualTo(2048 - 24);
    }
}
