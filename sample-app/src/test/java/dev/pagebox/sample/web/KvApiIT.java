/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.Pagebox;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.log.LogAccessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The REST API end to end: the app on a random port, real HTTP, a store in a temporary directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class KvApiIT {
    private static final String PROBLEM_TYPE = "tag:pagebox.dev,2026:";
    private static final LogAccessor LOG = new LogAccessor(KvApiIT.class);

    @TempDir
    static Path dataDirectory;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("pagebox.data-directory", () -> dataDirectory.toString());
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
    void putCreatesThenReplaces() {
        HttpResponse<byte[]> created = http.put("/kv/users/u1", utf8("Ada"), "text/plain");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("http://localhost:" + port + "/kv/users/u1");

        assertThat(http.put("/kv/users/u1", utf8("Ada Lovelace"), "text/plain").statusCode())
                .isEqualTo(200);
        HttpResponse<byte[]> get = http.get("/kv/users/u1");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(get.body()).isEqualTo(utf8("Ada Lovelace"));
        assertThat(store.tree("users").get(utf8("u1"))).as("in the store").isEqualTo(utf8("Ada Lovelace"));
    }

    @Test
    void valuesAreTheRawBodyWhateverTheContentType() {
        byte[] binary = {0, (byte) 0xFF, '&', '=', '\n'};
        http.put("/kv/raw/binary", binary, "application/octet-stream");
        http.put("/kv/raw/form", utf8("a=1&b=2"), "application/x-www-form-urlencoded"); // curl's default
        assertThat(http.get("/kv/raw/binary").body()).isEqualTo(binary);
        assertThat(http.get("/kv/raw/form").body()).isEqualTo(utf8("a=1&b=2"));
    }

    @Test
    void keysAreTheRestOfThePathInUtf8() {
        String key = "région/öst/42";
        String path = "/kv/paths/" + URLEncoder.encode("région", UTF_8) + "/" + URLEncoder.encode("öst", UTF_8) + "/42";
        assertThat(http.put(path, utf8("v"), "text/plain").statusCode()).isEqualTo(201);
        assertThat(store.tree("paths").get(utf8(key))).isEqualTo(utf8("v"));
        assertThat(http.get(path).body()).isEqualTo(utf8("v"));
    }

    @Test
    void deleteIs204ThenTheKeyIsGone() {
        http.put("/kv/gone/k", utf8("v"), "text/plain");
        assertThat(http.delete("/kv/gone/k").statusCode()).isEqualTo(204);
        assertThat(http.get("/kv/gone/k").statusCode()).isEqualTo(404);
        assertProblem(http.delete("/kv/gone/k"), 404, "key-not-found", "Key not found");
    }

    @Test
    void missingKeyIsANotFoundProblem() {
        http.put("/kv/present/other", utf8("v"), "text/plain");
        HttpResponse<byte[]> response = http.get("/kv/present/nope");
        JsonNode problem = assertProblem(response, 404, "key-not-found", "Key not found");
        assertThat(problem.path("detail").asString()).isEqualTo("tree 'present' has no key 'nope'");
        assertThat(problem.path("instance").asString()).isEqualTo("/kv/present/nope");
        assertThat(problem.path("tree").asString()).isEqualTo("present");
        assertThat(problem.path("key").asString()).isEqualTo("nope");
    }

    @Test
    void readsOfAnUnknownTreeFindNothingAndCreateNothing() {
        assertProblem(http.get("/kv/ghost/k"), 404, "key-not-found", "Key not found");
        assertProblem(http.delete("/kv/ghost/k"), 404, "key-not-found", "Key not found");
        JsonNode scan = http.getJson("/kv/ghost");
        assertThat(scan.path("entries").size()).isZero();
        assertThat(scan.path("truncated").asBoolean()).isFalse();
        assertThat(store.trees()).doesNotContain("ghost");
    }

    @Test
    void scansSelectByPrefixAndRangeInEitherOrder() {
        for (String key : List.of("a", "ab", "abc", "b", "ba", "c")) {
            http.put("/kv/scan/" + key, utf8(key.toUpperCase()), "text/plain");
        }
        assertThat(keys("/kv/scan")).containsExactly("a", "ab", "abc", "b", "ba", "c");
        assertThat(keys("/kv/scan?prefix=a")).containsExactly("a", "ab", "abc");
        assertThat(keys("/kv/scan?from=ab&to=b")).containsExactly("ab", "abc");
        assertThat(keys("/kv/scan?from=ab&to=ba&reverse=true")).containsExactly("b", "abc", "ab");
        assertThat(keys("/kv/scan?prefix=b&reverse=true")).containsExactly("ba", "b");
        assertThat(keys("/kv/scan?prefix=a&from=abb")).containsExactly("abc");
        assertThat(keys("/kv/scan?prefix=z")).isEmpty();

        JsonNode first = http.getJson("/kv/scan");
        assertThat(first.path("tree").asString()).isEqualTo("scan");
        assertThat(first.path("entries").path(1).path("value").asString()).isEqualTo("AB");
    }

    @Test
    void limitCutsTheScanAndSaysSo() {
        for (int i = 0; i < 150; i++) {
            http.put("/kv/limits/k%03d".formatted(i), utf8("v"), "text/plain");
        }
        JsonNode defaultLimit = http.getJson("/kv/limits");
        assertThat(defaultLimit.path("entries").size()).isEqualTo(100);
        assertThat(defaultLimit.path("truncated").asBoolean()).isTrue();

        JsonNode page = http.getJson("/kv/limits?limit=2&reverse=true");
        assertThat(keys(page)).containsExactly("k149", "k148");
        assertThat(page.path("truncated").asBoolean()).isTrue();

        // The next page forward starts just past the last key: from=<last key>%00.
        JsonNode next = http.getJson("/kv/limits?from=k147%00&limit=5");
        assertThat(keys(next)).containsExactly("k148", "k149");
        assertThat(next.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void bytesThatAreNotUtf8ComeAsBase64() {
        http.put("/kv/json/bin", new byte[] {(byte) 0xC3, 0x28, 0}, "application/octet-stream");
        http.put("/kv/json/text", utf8("héllo"), "text/plain");
        JsonNode entries = http.getJson("/kv/json").path("entries");

        assertThat(entries.path(0).path("key").asString()).isEqualTo("bin");
        assertThat(entries.path(0).path("valueBase64").asString()).isEqualTo("wygA");
        assertThat(entries.path(0).has("value")).as("exactly one form").isFalse();
        assertThat(entries.path(1).path("value").asString()).isEqualTo("héllo");
        assertThat(entries.path(1).has("valueBase64")).isFalse();
        assertThat(entries.path(1).has("keyBase64")).isFalse();
    }

    @Test
    void valuesUpToSixteenMebibytesAreStored() {
        byte[] value = new byte[16 << 20];
        new Random(7).nextBytes(value);
        assertThat(http.put("/kv/big/max", value, "application/octet-stream").statusCode())
                .isEqualTo(201);
        assertThat(http.get("/kv/big/max").body()).isEqualTo(value);
    }

    @Test
    void largerValuesAreContentTooLargeProblems() {
        byte[] value = new byte[(16 << 20) + 1];
        JsonNode declared = assertProblem(
                http.put("/kv/big/over", value, "application/octet-stream"), 413, "value-too-large", "Value too large");
        assertThat(declared.path("limit").asLong()).isEqualTo(16 << 20);
        assertThat(declared.path("size").asLong()).isEqualTo((16 << 20) + 1);

        // Chunked: no Content-Length, so the app finds out while reading.
        HttpResponse<byte[]> chunked = http.put(
                "/kv/big/over", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(value)));
        JsonNode streamed = assertProblem(chunked, 413, "value-too-large", "Value too large");
        assertThat(streamed.path("limit").asLong()).isEqualTo(16 << 20);
        assertThat(http.get("/kv/big/over").statusCode()).isEqualTo(404);
    }

    @Test
    void longKeysAreBadRequestsNamingTheLimit() {
        JsonNode problem = assertProblem(
                http.put("/kv/keys/" + "k".repeat(2049), utf8("v"), "text/plain"), 400, "key-too-long", "Key too long");
        assertThat(problem.path("limit").asInt()).isEqualTo(2048);
        assertThat(problem.path("size").asInt()).isEqualTo(2049);
        assertThat(http.put("/kv/keys/" + "k".repeat(2048), utf8("v"), "text/plain")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void badInputIsABadRequestProblem() {
        String longName = "t".repeat(256);
        JsonNode tree = assertProblem(
                http.put("/kv/" + longName + "/k", utf8("v"), "text/plain"),
                400,
                "invalid-tree-name",
                "Invalid tree name");
        assertThat(tree.path("tree").asString()).isEqualTo(longName);
        assertProblem(http.get("/kv/" + longName), 400, "invalid-tree-name", "Invalid tree name");

        assertProblem(http.put("/kv/t/", utf8("v"), "text/plain"), 400, "invalid-key", "Invalid key");

        JsonNode limit = assertProblem(http.get("/kv/t?limit=1001"), 400, "invalid-limit", "Invalid limit");
        assertThat(limit.path("max").asInt()).isEqualTo(1000);
        assertProblem(http.get("/kv/t?limit=0"), 400, "invalid-limit", "Invalid limit");

        HttpResponse<byte[]> notANumber = http.get("/kv/t?limit=many");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(KvHttpClient.json(notANumber).path("detail").asString()).contains("limit");
    }

    @Test
    void anEncodedSlashIsASlashInTheKey() {
        assertThat(http.put("/kv/slash/a%2Fb", utf8("v"), "text/plain").statusCode())
                .isEqualTo(201);
        assertThat(http.get("/kv/slash/a/b").body()).isEqualTo(utf8("v"));
        assertThat(keys("/kv/slash")).containsExactly("a/b");
        assertThat(store.tree("slash").get(utf8("a/b"))).isEqualTo(utf8("v"));
    }

    @Test
    void requestsTomcatRefusesAreProblemsAndLogNoError(CapturedOutput output) {
        JsonNode notUtf8 = assertProblem(http.get("/kv/t/a%FF"), 400, "invalid-path", "Invalid path");
        assertThat(notUtf8.path("detail").asString()).contains("not UTF-8", "%FF");
        assertThat(notUtf8.path("instance").asString()).isEqualTo("/kv/t/a%FF");

        JsonNode nul = assertProblem(http.delete("/kv/t/a%00b"), 400, "invalid-path", "Invalid path");
        assertThat(nul.path("detail").asString()).contains("%00", "NUL");

        JsonNode parameter =
                assertProblem(http.get("/kv/t?limit=5&prefix=%FF"), 400, "invalid-parameter", "Invalid parameter");
        assertThat(parameter.path("parameter").asString()).isEqualTo("prefix");
        assertThat(parameter.path("detail").asString()).contains("'prefix'", "UTF-8");
        assertProblem(http.get("/kv/t?from=%E2%82"), 400, "invalid-parameter", "Invalid parameter");

        LOG.warn("log capture probe"); // the check below would pass on output never captured without this
        assertThat(output.getAll())
                .contains("log capture probe")
                .doesNotContain("ERROR")
                .doesNotContain("Exception");
    }

    @Test
    void writingATreesOwnPathIsMethodNotAllowed(CapturedOutput output) {
        for (HttpResponse<byte[]> response :
                List.of(http.delete("/kv/users"), http.put("/kv/users", utf8("v"), "text/plain"))) {
            JsonNode problem = assertProblem(response, 405, "key-required", "Key required");
            assertThat(response.headers().firstValue("Allow")).hasValue("GET,HEAD");
            assertThat(problem.path("detail").asString()).contains("needs a key", "/kv/users/{key}");
            assertThat(problem.path("tree").asString()).isEqualTo("users");
        }
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void requestsRunOnVirtualThreads() {
        assertThat(new String(http.get("/test/thread").body(), UTF_8)).isEqualTo("virtual");
    }

    private List<String> keys(String path) {
        return keys(http.getJson(path));
    }

    private static List<String> keys(JsonNode scan) {
        List<String> keys = new ArrayList<>();
        scan.path("entries").forEach(entry -> keys.add(entry.path("key").asString()));
        return keys;
    }

    private static JsonNode assertProblem(HttpResponse<byte[]> response, int status, String type, String title) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = KvHttpClient.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).isEqualTo(PROBLEM_TYPE + type);
        assertThat(problem.path("title").asString()).isEqualTo(title);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("instance").asString()).startsWith("/kv/");
        return problem;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    /** Reports whether the request thread is virtual ({@code spring.threads.virtual.enabled}). */
    @TestConfiguration(proxyBeanMethods = false)
    @RestController
    static class ThreadProbe {
        @GetMapping("/test/thread")
        String thread() {
            return Thread.currentThread().isVirtual() ? "virtual" : "platform";
        }
    }
}
