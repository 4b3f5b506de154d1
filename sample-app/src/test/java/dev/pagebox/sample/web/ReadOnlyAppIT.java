/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.Pagebox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The app on a store opened read-only ({@code pagebox.read-only=true}) and without {@code pagebox.backup.directory}:
 * reads work, writes and checkpoints are refused with 409 and a body saying why, health is UP and says read-only.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pagebox.read-only=true", "pagebox.pool-size=4MB"})
class ReadOnlyAppIT {
    private static final Path DATA_DIRECTORY = existingStore();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("pagebox.data-directory", DATA_DIRECTORY::toString);
    }

    @AfterAll
    static void deleteStore() throws IOException {
        FileSystemUtils.deleteRecursively(DATA_DIRECTORY);
    }

    @LocalServerPort
    int port;

    private KvHttpClient http;

    @BeforeEach
    void connect() {
        http = new KvHttpClient(port);
    }

    @AfterEach
    void disconnect() {
        http.close();
    }

    @Test
    void readsWorkAndWritesAreRefusedWithAProblem() {
        assertThat(new String(http.get("/kv/users/u1").body(), UTF_8)).isEqualTo("Ada");
        assertThat(http.get("/kv/nobody/u1").statusCode()).isEqualTo(404);

        HttpResponse<byte[]> put = http.put("/kv/users/u2", "Grace".getBytes(UTF_8), "text/plain");
        HttpResponse<byte[]> newTree = http.put("/kv/other/k", "v".getBytes(UTF_8), "text/plain");

        assertThat(put.statusCode()).isEqualTo(409);
        JsonNode problem = KvHttpClient.json(put);
        assertThat(problem.path("type").asString()).isEqualTo("tag:pagebox.dev,2026:store-opened-read-only");
        assertThat(problem.path("detail").asString())
                .isEqualTo("the app opened the store read-only (pagebox.read-only): it serves reads only");
        assertThat(newTree.statusCode()).isEqualTo(409);
        assertThat(http.delete("/kv/users/u1").statusCode()).isEqualTo(409);
        assertThat(new String(http.get("/kv/users/u1").body(), UTF_8)).isEqualTo("Ada");
    }

    @Test
    void healthIsUpAndSaysReadOnly() {
        JsonNode pagebox = http.getJson("/actuator/health").path("components").path("pagebox");
        assertThat(pagebox.path("status").asString()).isEqualTo("UP");
        assertThat(pagebox.path("details").path("readOnly").asBoolean()).isTrue();
        assertThat(http.getJson("/actuator/pagebox/pagebox").path("readOnly").asBoolean())
                .isTrue();
    }

    @Test
    void checkpointsAndBackupsAreRefusedWithAReason() {
        HttpResponse<byte[]> checkpoint = http.post("/actuator/pagebox/pagebox");
        HttpResponse<byte[]> backup = http.post("/actuator/pageboxbackup");

        assertThat(checkpoint.statusCode()).isEqualTo(409);
        assertThat(KvHttpClient.json(checkpoint).path("error").asString()).isEqualTo("read-only");
        assertThat(KvHttpClient.json(checkpoint).path("message").asString())
                .contains("is open read-only (pagebox.read-only)");
        assertThat(http.post("/actuator/pagebox").statusCode()).isEqualTo(409);
        assertThat(backup.statusCode()).isEqualTo(409);
        assertThat(KvHttpClient.json(backup).path("error").asString()).isEqualTo("backup-not-configured");
        assertThat(http.post("/actuator/pagebox/other").statusCode()).isEqualTo(404);
    }

    /** A store with users/u1 = Ada, made before the context opens it read-only. */
    private static Path existingStore() {
        try {
            Path directory = Files.createTempDirectory("read-only-app");
            try (Pagebox store = Pagebox.open(directory)) {
                store.tree("users").put("u1".getBytes(UTF_8), "Ada".getBytes(UTF_8));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
