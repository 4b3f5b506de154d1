/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.process;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the built {@code sample-app.jar} in child JVMs, as a user would: {@code java -jar sample-app.jar ...} with
 * the test JVM's own {@code java} (the toolchain JDK) and no native-access flag, so the jar's manifest must enable
 * native access by itself. The jar's path comes from the {@code sample.jar} system property that Failsafe sets.
 */
final class SampleJar {
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    // Short-lived JVMs start faster with C1 only and the serial collector; neither touches native access.
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private SampleJar() {}

    /** What a finished {@code kvstore} process left. */
    record Result(int status, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, UTF_8);
        }
    }

    /**
     * Runs {@code java -jar sample-app.jar kvstore ARGS} to completion.
     *
     * @param workingDirectory the child's working directory
     * @param args the arguments after {@code kvstore}
     * @return its exit status and output
     */
    static Result kvstore(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar().toString(), "kvstore"));
        command.addAll(List.of(args));
        try {
            Path stdout = Files.createTempFile(workingDirectory, "stdout", ".txt");
            Path stderr = Files.createTempFile(workingDirectory, "stderr", ".txt");
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(
                        "kvstore " + String.join(" ", args) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            Result result = new Result(process.exitValue(), Files.readAllBytes(stdout), Files.readString(stderr));
            Files.delete(stdout);
            Files.delete(stderr);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the web app on a free port and returns once it listens.
     *
     * @param workingDirectory the child's working directory
     * @param args application arguments ({@code --server.port=0} is added)
     * @return the running app
     * @throws IOException if it cannot start or exits before listening
     */
    static RunningApp startApp(Path workingDirectory, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar().toString(), "--server.port=0"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
        StringBuilder log = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            log.append(line).append('\n');
            Matcher port = PORT.matcher(line);
            if (port.find()) {
                // Keep draining the log so that the app never blocks on a full pipe.
                Thread.ofVirtual().start(() -> output.lines().forEach(ignored -> {}));
                return new RunningApp(process, Integer.parseInt(port.group(1)));
            }
        }
        process.destroyForcibly();
        throw new IOException("the app exited before listening:\n" + log);
    }

    /** The app in a child JVM. */
    record RunningApp(Process process, int port) implements AutoCloseable {
        /** Kills the app with SIGKILL (no shutdown hooks, no checkpoint) and waits until it is gone. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing the app", e);
            }
        }

        @Override
        public void close() {
            kill();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar() {
        String jar = System.getProperty("sample.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property sample.jar names no built jar: " + jar
                    + " (run the ITs through Maven's verify, after package)");
        }
        return Path.of(jar);
    }
}
