/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvstoreArgumentsTest {

    @Test
    void defaultsToTheAppsDirectoryAndTheDefaultTree() {
        KvstoreArguments arguments = KvstoreArguments.parse(List.of("get", "k"));
        assertThat(arguments).isEqualTo(new KvstoreArguments("get", List.of("k"), null, "default"));
    }

    @Test
    void optionsGoAnywhereInEitherForm() {
        KvstoreArguments arguments =
                KvstoreArguments.parse(List.of("put", "--data-dir=/d", "k", "--tree", "users", "v"));
        assertThat(arguments).isEqualTo(new KvstoreArguments("put", List.of("k", "v"), Path.of("/d"), "users"));
    }

    @Test
    void doubleDashEndsOptions() {
        KvstoreArguments arguments = KvstoreArguments.parse(List.of("put", "--", "--key", "-"));
        assertThat(arguments.operands()).containsExactly("--key", "-");
    }

    @Test
    void helpIsNotACommand() {
        assertThat(KvstoreArguments.parse(List.of("get", "--help"))).isNull();
    }

    @Test
    void wrongCommandLinesNameTheProblem() {
        assertUsage(List.of(), "no command");
        assertUsage(List.of("fetch", "k"), "unknown command fetch");
        assertUsage(List.of("get"), "get takes 1 operand, not 0");
        assertUsage(List.of("put", "k"), "put takes 2 operands, not 1");
        assertUsage(List.of("scan", "a", "b"), "scan takes 0 to 1 operands, not 2");
        assertUsage(List.of("stats", "--verbose"), "unknown option --verbose");
        assertUsage(List.of("get", "k", "--tree"), "--tree needs a value");
        assertUsage(List.of("get", "k", "--data-dir="), "--data-dir needs a value");
    }

    private static void assertUsage(List<String> args, String message) {
        assertThatThrownBy(() -> KvstoreArguments.parse(args))
                .isInstanceOf(KvstoreArguments.UsageException.class)
                .hasMessage(message);
    }
}
