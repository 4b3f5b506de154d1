/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.engine;

import dev.pagebox.PageboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one measurement in a fresh JVM (this JVM's {@code java} and classpath), as a restart would: class loading
 * and an unwarmed JIT are part of what a store's first open costs. The child prints its figures on one line
 * starting with a tag.
 */
final class ChildJvm {
    private static final long TIMEOUT_SECONDS = 600;

    private ChildJvm() {}

    /**
     * What a child printed and how long it lived.
     *
     * @param figures the numbers on its tagged line
     * @param processNanos from starting the process to its exit
     */
    record Outcome(long[] figures, long processNanos) {}

    /**
     * Runs {@code main} in a fresh JVM and reads the numbers it prints after {@code tag}.
     *
     * @throws IllegalStateException if the child fails, hangs or prints no such line
     */
    static Outcome run(Class<?> main, String tag, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(arguments);
        try {
            long started = System.nanoTime();
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(main.getSimpleName() + " did not finish: " + output);
            }
            long processNanos = System.nanoTime() - started;
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        main.getSimpleName() + " failed (exit " + process.exitValue() + "): " + output);
            }
            for (String line : output.split("\n")) {
                if (line.startsWith(tag + " ")) {
                    long[] figures = Arrays.stream(
                                    line.substring(tag.length() + 1).trim().split(" "))
                            .mapToLong(Long::parseLong)
                            .toArray();
                    return new Outcome(figures, processNanos);
                }
            }
            throw new IllegalStateException(main.getSimpleName() + " printed no '" + tag + "' line: " + output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The options a child needs to open a store as the parent built it: pool, page and log sizes. */
    static List<String> optionArguments(PageboxOptions options) {
        return List.of(
                Long.toString(options.poolSize()),
                Integer.toString(options.pageSize()),
                Long.toString(options.walSegmentSize()),
                Integer.toString(options.walBufferSize()));
    }

    /** Reads {@link #optionArguments} back from {@code args}, starting at {@code from}. */
    static PageboxOptions options(String[] args, int from) {
        return PageboxOptions.builder()
                .poolSize(Long.parseLong(args[from]))
                .pageSize(Integer.parseInt(args[from + 1]))
                .walSegmentSize(Long.parseLong(args[from + 2]))
                .walBufferSize(Integer.parseInt(args[from + 3]))
                .build();
    }
}
