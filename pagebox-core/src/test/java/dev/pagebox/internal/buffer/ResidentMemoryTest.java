/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cycling ten times the budget through the pool keeps the process within the budget plus a small fixed slack.
 * Runs in a child JVM whose heap is fixed and pre-touched, so the growth measured is the pool's, not the
 * heap's.
 */
@EnabledOnOs(OS.LINUX)
class ResidentMemoryTest {
    /** Metadata (64 B per frame), I/O buffers, code and metaspace of the classes the run loads. */
    private static final long SLACK = 24L << 20;

    @Test
    void residentMemoryStaysWithinTheBudget(@TempDir Path directory) throws Exception {
        try (ChildJvm child = ChildJvm.start(
                List.of("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch"),
                ResidentMemoryMain.class,
                directory.toString())) {
            long before = value(child.awaitLine("BEFORE"));
            String pages = child.awaitLine("PAGES");
            long after = value(child.awaitLine("AFTER"));

            long leaves = Long.parseLong(pages.split(" ")[1]);
            assertThat(leaves * ResidentMemoryMain.PAGE_SIZE).isGreaterThanOrEqualTo(10 * ResidentMemoryMain.BUDGET);
            assertThat(after - before)
                    .as(
                            "resident growth after cycling %d pages through a %d-byte pool",
                            leaves, ResidentMemoryMain.BUDGET)
                    .isLessThanOrEqualTo(ResidentMemoryMain.BUDGET + SLACK);
        }
    }

    private static long value(String line) {
        return Long.parseLong(line.split(" ")[1]);
    }
}
