/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.jcstress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jcstress.Main;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.TestGrading;

/**
 * Runs jcstress's command line ({@link Main}) in a child JVM on this JVM's class path and reads back the raw
 * results. A child JVM per run, rather than {@code new JCStress(options).run()} in the test JVM, because jcstress
 * keeps its probed JVM configurations in static lists (a second run in one JVM also re-runs every configuration
 * of the first) and writes its result blob to the working directory, which for the child is the report
 * directory.
 */
final class JcstressRunner {
    /** The flags every Pagebox JVM needs; jcstress also passes its own JVM's flags on to the forks. */
    static final String FORK_JVM_ARGS = "--enable-native-access=ALL-UNNAMED";

    private JcstressRunner() {}

    /**
     * Runs jcstress and waits for it.
     *
     * @param reportDir where jcstress writes its console log, text/HTML reports and result blob; emptied first
     * @param args jcstress options, without {@code -r}
     * @param timeout how long the whole run may take
     * @return the outcome
     */
    static Report run(Path reportDir, List<String> args, Duration timeout) throws IOException, InterruptedException {
        deleteRecursively(reportDir);
        Files.createDirectories(reportDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                FORK_JVM_ARGS,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        command.addAll(List.of("-r", reportDir.toString()));
        Path console = reportDir.resolve("console.txt");
        Process process = new ProcessBuilder(command)
                .directory(reportDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("jcstress did not finish within " + timeout + "; see " + console);
        }
        return new Report(process.exitValue(), readResults(reportDir), console);
    }

    private static Collection<TestResult> readResults(Path reportDir) throws IOException {
        List<Path> blobs;
        try (Stream<Path> files = Files.list(reportDir)) {
            blobs = files.filter(p -> p.getFileName().toString().endsWith(".bin.gz"))
                    .toList();
        }
        InProcessCollector collector = new InProcessCollector();
        for (Path blob : blobs) {
            DiskReadCollector reader = new DiskReadCollector(blob.toString(), collector);
            try {
                reader.dump();
            } catch (ClassNotFoundException e) {
                throw new IOException("unreadable jcstress result blob " + blob, e);
            } finally {
                reader.close();
            }
        }
        return collector.getTestResults();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path :
                    files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * What a jcstress run produced.
     *
     * @param exitCode the jcstress JVM's exit code: non-zero when a test failed or the harness broke
     * @param results one result per test configuration and fork
     * @param console the jcstress console log
     */
    record Report(int exitCode, Collection<TestResult> results, Path console) {
        /** Returns one line per failed test configuration: forbidden outcomes, errors and timeouts. */
        List<String> failures() {
            List<String> failures = new ArrayList<>();
            for (TestResult result : results) {
                TestGrading grading = result.grading();
                if (result.status() != Status.NORMAL || !grading.isPassed) {
                    failures.add(describe(result, grading));
                }
            }
            return failures;
        }

        /** Returns the number of samples each test collected, summed over configurations. */
        Map<String, Long> samplesPerTest() {
            Map<String, Long> samples = new TreeMap<>();
            for (TestResult result : results) {
                samples.merge(result.getName(), result.getTotalCount(), Long::sum);
            }
            return samples;
        }

        private static String describe(TestResult result, TestGrading grading) {
            StringBuilder text = new StringBuilder()
                    .append(result.getName())
                    .append(" [")
                    .append(result.status())
                    .append("] JVM args ")
                    .append(result.getConfig().jvmArgs);
            grading.gradingResults.values().stream().filter(g -> g.count > 0).forEach(g -> text.append("\n    ")
                    .append(g.id)
                    .append(": ")
                    .append(g.count)
                    .append(' ')
                    .append(g.expect)
                    .append(" (")
                    .append(g.description)
                    .append(')'));
            Stream.of(result.getMessages(), result.getVmErr())
                    .flatMap(List::stream)
                    .limit(40)
                    .forEach(line -> text.append("\n    ").append(line));
            return text.toString();
        }
    }
}
