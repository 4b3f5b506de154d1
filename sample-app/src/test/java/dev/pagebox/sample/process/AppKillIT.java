/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.sample.process.SampleJar.Result;
import dev.pagebox.sample.process.SampleJar.RunningApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app and the command line on one store, and STRICT durability end to end: every PUT acknowledged before a
 * {@code kill -9} of the app is there for the next process, recovered from the log (no shutdown checkpoint ran).
 */
class AppKillIT {
    private static final int KEYS = 20;

    @TempDir
    Path workingDirectory;

    @Test
    @Timeout(300)
    void acknowledgedPutsSurviveKillNine() throws Exception {
        Path store = workingDirectory.resolve("store");
        try (RunningApp app = SampleJar.startApp(workingDirectory, "--pagebox.data-directory=" + store);
                HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < KEYS; i++) {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/kv/crash/k" + i))
                                .PUT(HttpRequest.BodyPublishers.ofString("v" + i))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).isEqualTo(201);
            }

            Result locked = SampleJar.kvstore(workingDirectory, "--data-dir=" + store, "get", "k0");
            assertThat(locked.status()).as("the app holds the store").isEqualTo(3);
            assertThat(locked.stderr()).contains("locked");

            app.kill();
        }

        Result stats = SampleJar.kvstore(workingDirectory, "--data-dir=" + store, "--tree=crash", "stats");
        assertThat(stats.status()).isZero();
        assertThat(stats.out()).contains("tree.entries=" + KEYS + "\n");
        assertThat(replayed(stats.out())).as("recovered from the log").isGreaterThanOrEqualTo(KEYS);
        StringBuilder expected = new StringBuilder();
        IntStream.range(0, KEYS)
                .mapToObj(i -> "k" + i + "\tv" + i + "\n")
                .sorted()
                .forEach(expected::append);
        Result scan = SampleJar.kvstore(workingDirectory, "--data-dir=" + store, "--tree=crash", "scan");
        assertThat(scan.status()).isZero();
        assertThat(scan.out()).isEqualTo(expected.toString());
    }

    private static long replayed(String stats) {
        Matcher matcher = Pattern.compile("recovery.records-replayed=(\\d+)").matcher(stats);
        assertThat(matcher.find()).as(stats).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
