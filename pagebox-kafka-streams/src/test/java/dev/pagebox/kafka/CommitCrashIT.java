/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits survive a SIGKILL as a prefix of the commit sequence: {@link CommitCrashApp} commits the eight stores of
 * {@link CountingApp}'s four tasks in rounds until it is killed; reopened, every store's data matches its
 * committed offset (transactional stores are never ahead of or behind their own offsets), and the offsets, read in
 * commit order, never rise and span at most one round, so no store lost commits that later stores kept.
 */
class CommitCrashIT {
    @TempDir
    Path stateDir;

    @Test
    void aKilledInstanceKeepsAPrefixOfItsCommits() throws Exception {
        for (int kill = 0; kill < 2; kill++) {
            long printed = runAndKill(2_000L * (kill + 1));
            List<Long> offsets = new ArrayList<>();
            for (int task = 0; task < CommitCrashApp.TASKS; task++) {
                PageboxKeyValueStore keyValue = CommitCrashApp.keyValue(stateDir, task);
                PageboxWindowStore window = CommitCrashApp.window(stateDir, task);
                try {
                    Long keyValueOffset = keyValue.committedOffset(CommitCrashApp.changelog("counts", task));
                    Long windowOffset = window.committedOffset(CommitCrashApp.changelog("daily-counts", task));
                    assertThat(keyValueOffset)
                            .as("task %d has offsets after kill %d", task, kill)
                            .isNotNull();
                    assertThat(TreeMeta.decodeLong(keyValue.get(CommitCrashApp.ROUND)))
                            .as("key-value store of task %d holds exactly the round of its offset", task)
                            .isEqualTo(keyValueOffset);
                    assertThat(TreeMeta.decodeLong(window.fetch(CommitCrashApp.ROUND, CommitCrashApp.windowStart())))
                            .as("window store of task %d holds exactly the round of its offset", task)
                            .isEqualTo(windowOffset);
                    offsets.add(keyValueOffset);
                    offsets.add(windowOffset);
                } finally {
                    keyValue.close();
                    window.close();
                }
            }
            System.out.println("CommitCrashIT kill " + kill + ": printed round " + printed + ", offsets " + offsets);
            for (int i = 1; i < offsets.size(); i++) {
                assertThat(offsets.get(i))
                        .as("offsets in commit order %s (printed round %d)", offsets, printed)
                        .isLessThanOrEqualTo(offsets.get(i - 1))
                        .isGreaterThanOrEqualTo(offsets.getFirst() - 1);
            }
        }
    }

    /** Runs the app until it printed at least {@code rounds} rounds more, kills it, returns the last round printed. */
    private long runAndKill(long rounds) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CommitCrashApp.class.getName(),
                        stateDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        AtomicLong last = new AtomicLong();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("ROUND ")) {
                        last.set(Long.parseLong(line.substring(6)));
                    }
                }
            } catch (IOException e) {
                // the process died
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> last.get() >= rounds || !process.isAlive());
            assertThat(process.isAlive()).as("the app runs").isTrue();
        } finally {
            process.destroyForcibly().waitFor();
        }
        reader.join(10_000);
        return last.get();
    }
}
