/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Actuator side of the app: health with the pagebox component, pagebox.* meters, the pagebox and pageboxbackup
 * endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorIT {
    @TempDir
    static Path dataDirectory;

    @TempDir
    static Path backupDirectory;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("pagebox.data-directory", () -> dataDirectory.toString());
        registry.add("pagebox.backup.directory", () -> backupDirectory.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    Pagebox store;

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
    void theStarterOpensTheConfiguredStore() {
        assertThat(store.stats().directory().toAbsolutePath()).isEqualTo(dataDirectory.toAbsolutePath());
        assertThat(store.isHealthy()).isTrue();
    }

    @Test
    void healthShowsThePageboxComponentUp() {
        JsonNode health = http.getJson("/actuator/health");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode pagebox = health.path("components").path("pagebox");
        assertThat(pagebox.path("status").asString()).isEqualTo("UP");
        assertThat(pagebox.path("details").path("state").asString()).isEqualTo("HEALTHY");
    }

    @Test
    void metricsListPageboxMetersTaggedWithTheStore() {
        assertThat(http.put("/kv/metrics/k", "v".getBytes(UTF_8), "text/plain").statusCode())
                .isEqualTo(201);
        List<String> names = new ArrayList<>();
        http.getJson("/actuator/metrics").path("names").forEach(name -> names.add(name.asString()));
        assertThat(names)
                .contains(
                        "pagebox.wal.bytes",
                        "pagebox.wal.flushes",
                        "pagebox.buffer.pages",
                        "pagebox.wal.sync",
                        "pagebox.wal.sync.records");
        // The PUT above returned after a sync, which the timer recorded as it happened.
        JsonNode syncs = http.getJson("/actuator/metrics/pagebox.wal.sync");
        assertThat(syncs.path("measurements").path(0).path("statistic").asString())
                .isEqualTo("COUNT");
        assertThat(syncs.path("measurements").path(0).path("value").asDouble()).isPositive();

        // The binder reads a stats snapshot up to a second old, so the meter lags the store but never leads it.
        JsonNode meter = http.getJson("/actuator/metrics/pagebox.wal.bytes");
        assertThat(meter.path("baseUnit").asString()).isEqualTo("bytes");
        assertThat(meter.path("measurements").path(0).path("value").asDouble())
                .isBetween(0.0, (double) store.stats().log().bytes());
        List<String> tags = new ArrayList<>();
        meter.path("availableTags").forEach(tag -> tags.add(tag.path("tag").asString()));
        assertThat(tags).contains("store");
    }

    @Test
    void pageboxEndpointReportsTheStore() {
        JsonNode endpoint = http.getJson("/actuator/pagebox").path("stores").path("pagebox");
        assertThat(endpoint.path("state").asString()).isEqualTo("HEALTHY");
        assertThat(endpoint.path("pool").path("pageSize").asInt()).isEqualTo(16384);
        assertThat(http.getJson("/actuator/pagebox/pagebox").path("directory").asString())
                .isEqualTo(endpoint.path("directory").asString());
        assertThat(http.get("/actuator/pagebox/other").statusCode()).isEqualTo(404);
    }

    @Test
    void backupEndpointBacksUpTheStoreUnderTheConfiguredDirectory() {
        assertThat(http.put("/kv/backed/up", "before".getBytes(UTF_8), "text/plain")
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<byte[]> response = http.post("/actuator/pageboxbackup");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode backup = KvHttpClient.json(response).path("backups").path("pagebox");
        Path target = Path.of(backup.path("target").asString());
        assertThat(target.getParent()).isEqualTo(backupDirectory.toAbsolutePath());
        assertThat(backup.path("endLsn").asLong()).isPositive();
        assertThat(backup.path("duration").asString()).startsWith("PT");
        try (Pagebox copy =
                Pagebox.open(target, PageboxOptions.builder().readOnly(true).build())) {
            assertThat(copy.tree("backed").get("up".getBytes(UTF_8))).isEqualTo("before".getBytes(UTF_8));
        }
        assertThat(http.post("/actuator/pageboxbackup/pagebox").statusCode()).isEqualTo(200);
        assertThat(http.post("/actuator/pageboxbackup/other").statusCode()).isEqualTo(404);
    }
}
