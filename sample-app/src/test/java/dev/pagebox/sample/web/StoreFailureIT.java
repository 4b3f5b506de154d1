/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.spring.autoconfigure.PageboxOptionsCustomizer;
import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A failed log sync seen through the API: the store fences itself, writes become 503 problems, reads go on, and
 * health turns DOWN. The starter's store gets a fault-injecting file system through an options customizer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StoreFailureIT {
    static final FaultInjectingFileSystem FILES = new FaultInjectingFileSystem(17);

    @TempDir
    static Path dataDirectory;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("pagebox.data-directory", () -> dataDirectory.toString());
    }

    @LocalServerPort
    int port;

    @Test
    void aFailedSyncMakesWritesUnavailableAndLeavesReads() {
        try (KvHttpClient http = new KvHttpClient(port)) {
            assertThat(http.put("/kv/t/kept", utf8("v"), "text/plain").statusCode())
                    .isEqualTo(201);

            FILES.failWhen(
                    Operation.FORCE,
                    path -> path.getParent().getFileName().toString().equals("wal"),
                    FaultInjectingFileSystem.ioError());
            HttpResponse<byte[]> refused = http.put("/kv/t/lost", utf8("x"), "text/plain");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = KvHttpClient.json(refused);
            assertThat(problem.path("type").asString()).isEqualTo("tag:pagebox.dev,2026:store-read-only");
            assertThat(problem.path("instance").asString()).isEqualTo("/kv/t/lost");
            assertThat(http.put("/kv/t/later", utf8("y"), "text/plain").statusCode())
                    .isEqualTo(503);

            assertThat(http.get("/kv/t/kept").body()).isEqualTo(utf8("v"));
            HttpResponse<byte[]> health = http.get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(KvHttpClient.json(health)
                            .path("components")
                            .path("pagebox")
                            .path("status")
                            .asString())
                    .isEqualTo("DOWN");
        } finally {
            FILES.clearFaults();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FaultyFiles {
        @Bean
        PageboxOptionsCustomizer faultInjectingFiles() {
            return options -> options.channels(FILES);
        }
    }
}
