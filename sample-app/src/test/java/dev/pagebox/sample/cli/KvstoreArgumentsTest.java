/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class KvstoreArgumentsTest {

    @Test
    void defaultsToTheAppsSettingsAndTheDefaultTree() {
        KvstoreArguments arguments = KvstoreArguments.parse(List.of("get", "k"));
        assertThat(arguments)
                .isEqualTo(new KvstoreArguments(
                        KvstoreCommand.GET, List.of("k"), null, "default", null, null, false, Map.of()));
    }

    @Test
    void optionsGoAnywhereInEitherForm() {
        KvstoreArguments arguments = KvstoreArguments.parse(
                List.of("put", "--data-dir=/d", "k", "--tree", "users", "--sync", "relaxed", "v", "--pool-size=64MB"));
        assertThat(arguments)
                .isEqualTo(new KvstoreArguments(
                        KvstoreCommand.PUT,
                        List.of("k", "v"),
                        Path.of("/d"),
                        "users",
                        CommitMode.RELAXED,
                        DataSize.ofMegabytes(64),
                        false,
                        Map.of()));
    }

    @Test
    void readOnlyIsAFlag() {
        assertThat(KvstoreArguments.parse(List.of("--read-only", "get", "k")).readOnly())
                .isTrue();
        assertThat(KvstoreArguments.parse(List.of("get", "k", "--read-only")).operands())
                .containsExactly("k");
        assertThat(KvstoreArguments.parse(List.of("get", "k")).readOnly()).isFalse();
    }

    @Test
    void optionsWithADotAreProperties() {
        KvstoreArguments arguments =
                KvstoreArguments.parse(List.of("--spring.profiles.active=prod", "stats", "--pagebox.page-size=8KB"));
        assertThat(arguments.properties())
                .containsExactly(Map.entry("spring.profiles.active", "prod"), Map.entry("pagebox.page-size", "8KB"));
    }

    @Test
    void doubleDashEndsOptions() {
        KvstoreArguments arguments = KvstoreArguments.parse(List.of("put", "--", "--key", "-"));
        assertThat(arguments.operands()).containsExactly("--key", "-");
    }

    @Test
    void negativeNumbersAreOperands() {
        assertThat(KvstoreArguments.parse(List.of("meta", "0", "-1")).operands())
                .containsExactly("0", "-1");
    }

    @Test
    void helpIsNotACommand() {
        assertThat(KvstoreArguments.parse(List.of("get", "--help"))).isNull();
    }

    @Test
    void everyCommandIsInTheUsage() {
        for (KvstoreCommand command : KvstoreCommand.values()) {
            assertThat(Kvstore.USAGE_TEXT).contains("\n  " + command.word());
        }
        assertThat(Kvstore.USAGE_TEXT).contains("  range START END  print").contains("--sync=MODE");
    }

    @Test
    void wrongCommandLinesNameTheProblem() {
        assertUsage(List.of(), "no command");
        assertUsage(List.of("fetch", "k"), "unknown command fetch");
        assertUsage(List.of("get"), "get takes 1 operand, not 0");
        assertUsage(List.of("put", "k"), "put takes 2 operands, not 1");
        assertUsage(List.of("range", "a"), "range takes 2 operands, not 1");
        assertUsage(List.of("scan", "a", "b"), "scan takes 0 to 1 operands, not 2");
        assertUsage(List.of("verify", "x"), "verify takes 0 operands, not 1");
        assertUsage(List.of("meta", "1", "2", "3"), "meta takes 0 to 2 operands, not 3");
        assertUsage(List.of("stats", "--verbose"), "unknown option --verbose");
        assertUsage(List.of("stats", "--verbose=yes"), "unknown option --verbose");
        assertUsage(List.of("get", "k", "--tree"), "--tree needs a value");
        assertUsage(List.of("get", "k", "--data-dir="), "--data-dir needs a value");
        assertUsage(List.of("put", "k", "v", "--sync=always"), "--sync must be strict, relaxed or none, not always");
        assertUsage(List.of("stats", "--pool-size=lots"), "--pool-size must be a size like 64MB, not lots");
        assertUsage(List.of("stats", "--read-only=true"), "--read-only takes no value");
        assertUsage(
                List.of("stats", "--spring.profiles.active", "prod"),
                "a property option takes its value after '=': --spring.profiles.active=VALUE");
    }

    private static void assertUsage(List<String> args, String message) {
        assertThatThrownBy(() -> KvstoreArguments.parse(args))
                .isInstanceOf(KvstoreArguments.UsageException.class)
                .hasMessage(message);
    }
}
