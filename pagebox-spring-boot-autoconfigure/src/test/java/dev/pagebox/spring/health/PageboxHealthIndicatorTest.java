/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxState;
import dev.pagebox.spring.SmallStoreProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class PageboxHealthIndicatorTest {
    @TempDir
    Path directory;

    @Test
    void healthyStoreShouldReportItsGauges() {
        try (Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options())) {
            pagebox.tree("users").put(bytes("k"), bytes("v"));
            Instant checkpointed = pagebox.stats().checkpoints().lastCompleted();
            Clock fiveSecondsLater = Clock.fixed(checkpointed.plusSeconds(5), ZoneOffset.UTC);

            Health health =
                    new PageboxHealthIndicator(pagebox, fiveSecondsLater, PageboxNativeAccess.current()).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("state", PageboxState.HEALTHY)
                    .containsEntry("lastCheckpointAge", "PT5S")
                    .containsEntry("recovery", pagebox.recovery().toString());
            assertThat((long) health.getDetails().get("walBytesSinceCheckpoint"))
                    .isPositive();
            assertThat((long) health.getDetails().get("diskFree")).isPositive();
            assertThat(health.getDetails().get("pool"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("frames", SmallStoreProperties.FRAMES)
                    .containsEntry("pageSize", 4096);
            Map<?, ?> pool = (Map<?, ?>) health.getDetails().get("pool");
            assertThat((int) pool.get("used")).isPositive().isLessThanOrEqualTo(SmallStoreProperties.FRAMES);
        }
    }

    @Test
    void nativeAccessShouldBeReportedAndItsAbsenceExplained() {
        try (Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options())) {
            // The build runs tests with --enable-native-access=ALL-UNNAMED, on Linux.
            assertThat(new PageboxHealthIndicator(pagebox).health().getDetails())
                    .containsEntry("nativeAccess", true)
                    .doesNotContainKey("nativeAccessMissing");

            PageboxNativeAccess missing = new PageboxNativeAccess(false, "madvise is off: enable it", true);
            Health degraded = new PageboxHealthIndicator(pagebox, Clock.systemUTC(), missing).health();

            assertThat(degraded.getStatus()).as("slower, not broken").isEqualTo(Status.UP);
            assertThat(degraded.getDetails())
                    .containsEntry("nativeAccess", false)
                    .containsEntry("nativeAccessMissing", "madvise is off: enable it");
        }
    }

    @Test
    void nativeAccessInThisJvmShouldBeAvailable() {
        assertThat(PageboxNativeAccess.current()).isEqualTo(new PageboxNativeAccess(true, null, false));
    }

    @Test
    void storeOpenedReadOnlyShouldBeUpSayingSo() {
        Pagebox.open(directory, SmallStoreProperties.options()).close();
        try (Pagebox pagebox = Pagebox.open(
                directory,
                SmallStoreProperties.options().toBuilder().readOnly(true).build())) {
            Health health = new PageboxHealthIndicator(pagebox).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("state", PageboxState.HEALTHY)
                    .containsEntry("readOnly", true);
        }
        try (Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options())) {
            assertThat(new PageboxHealthIndicator(pagebox).health().getDetails())
                    .containsEntry("readOnly", false);
        }
    }

    @Test
    void closedStoreShouldBeOutOfService() {
        Pagebox pagebox = Pagebox.open(directory, SmallStoreProperties.options());
        PageboxHealthIndicator indicator = new PageboxHealthIndicator(pagebox);
        pagebox.close();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("state", PageboxState.CLOSED);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
