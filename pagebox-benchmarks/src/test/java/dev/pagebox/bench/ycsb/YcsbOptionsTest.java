/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class YcsbOptionsTest {
    @Test
    void parsesListsSizesAndDurations() {
        YcsbOptions options = YcsbOptions.parse(
                "--workloads=a,E,fill-random", "--threads", "1,16", "--duration", "1.5s", "--cache-budget", "64m");
        assertThat(options.workloads()).containsExactly(Workload.A, Workload.E, Workload.FILL_RANDOM);
        assertThat(options.threads()).containsExactly(1, 16);
        assertThat(options.durationMillis()).isEqualTo(1500);
        assertThat(options.budget(Regime.RESIDENT)).isEqualTo(64L << 20);
        assertThat(YcsbOptions.bytes("2g")).isEqualTo(2L << 30);
        assertThat(YcsbOptions.millis("2m")).isEqualTo(120_000);
    }

    @Test
    void derivedBudgetsFitOrPressTheData() {
        YcsbOptions options = YcsbOptions.parse("--records", "1000000", "--regimes", "resident,pressure");
        long raw = 1_000_000L * 108;
        assertThat(options.budget(Regime.RESIDENT)).isEqualTo(2 * raw);
        assertThat(options.budget(Regime.PRESSURE)).isEqualTo(raw / 4);
    }

    @Test
    void rejectsMistakes() {
        assertThatThrownBy(() ->
                        YcsbOptions.parse("--regimes", "pressure", "--records", "1000", "--pressure-budget", "1m"))
                .hasMessageContaining("4 x budget");
        assertThatThrownBy(() -> YcsbOptions.parse("--treads", "2")).hasMessageContaining("--treads");
        assertThatThrownBy(() -> YcsbOptions.parse("--workloads", "z")).hasMessageContaining("fill-random");
        assertThatThrownBy(() -> YcsbOptions.parse("--value-size", "8")).hasMessageContaining("at least");
    }
}
