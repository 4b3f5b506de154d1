/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Starts a child JVM on this JVM's java executable and classpath, with the module's JVM flags
 * ({@code bench.jvm.args} of the pom, baked into {@code jvm.properties}; the system property
 * {@code pagebox.bench.jvm.args} overrides them) and a fixed heap, committed and touched at start
 * ({@code -Xms = -Xmx}, {@code -XX:+AlwaysPreTouch}). The heap is then resident before the engine opens and does
 * not grow after, so peak RSS minus the RSS just before the open is what the engine added (see
 * {@link CellResult#engineResidentBytes()}).
 */
final class ChildJvm {
    private static final String OVERRIDE = "pagebox.bench.jvm.args";

    private final List<String> flags;
    private final String heap;

    ChildJvm(String heap) {
        this.heap = heap;
        this.flags = flags();
    }

    /**
     * Runs {@code main} with arguments, sending its output to a log file.
     *
     * @return the exit status
     * @throws IllegalStateException if the child outlives the timeout (it is then killed)
     */
    int run(Class<?> main, List<String> arguments, Path log, Duration timeout) throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-XX:+AlwaysPreTouch");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("child JVM ran longer than " + timeout + "; log: " + log);
        }
        return process.exitValue();
    }

    /** The last lines of a child's log, for error messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static List<String> flags() {
        String configured = System.getProperty(OVERRIDE);
        if (configured == null) {
            Properties properties = new Properties();
            try (InputStream in = ChildJvm.class.getResourceAsStream("jvm.properties")) {
                if (in == null) {
                    throw new IllegalStateException("jvm.properties is missing from the classpath");
                }
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read jvm.properties", e);
            }
            configured = properties.getProperty("child.jvm.args", "");
        }
        return Arrays.stream(configured.trim().split("\\s+"))
                .filter(flag -> !flag.isEmpty())
                .toList();
    }
}
