/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class from the test classpath, for tests that need a second process (directory
 * locks) or a process to kill (crash tests). Its standard output is read line by line; standard error goes to
 * the parent's.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader output;

    private ChildJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code mainClass} with the current JVM's executable and classpath.
     *
     * @param mainClass the class whose {@code main} runs
     * @param args its arguments
     * @return the running child
     * @throws IOException if the process cannot start
     */
    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        return start(List.of(), mainClass, args);
    }

    /**
     * Starts {@code mainClass} with extra JVM options (later ones win over the defaults).
     *
     * @param jvmOptions e.g. heap settings
     * @param mainClass the class whose {@code main} runs
     * @param args its arguments
     * @return the running child
     * @throws IOException if the process cannot start
     */
    public static ChildJvm start(List<String> jvmOptions, Class<?> mainClass, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new ChildJvm(process);
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * Reads the child's next line of output.
     *
     * @return the line, or null at end of output (the child exited)
     * @throws IOException if reading fails
     */
    public String readLine() throws IOException {
        return output.readLine();
    }

    /**
     * Reads lines until one starts with {@code prefix}.
     *
     * @param prefix what to wait for
     * @return the line
     * @throws IOException if the child's output ends first
     */
    public String awaitLine(String prefix) throws IOException {
        for (String line = readLine(); line != null; line = readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("child " + pid() + " ended (exit " + exitCode() + ") before printing " + prefix);
    }

    private String exitCode() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * Kills the child with SIGKILL and waits until it is gone.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
