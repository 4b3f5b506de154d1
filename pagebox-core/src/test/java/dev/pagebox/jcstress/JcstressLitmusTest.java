/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.jcstress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the litmus tests of this package through jcstress and fails on any FORBIDDEN outcome, harness error or
 * litmus test that collected no samples. Reports go to {@code target/jcstress/<run>/} ({@code console.txt},
 * {@code index.html}, the raw result blob).
 *
 * <p>The default build runs a bounded check: jcstress's "quick" preset (5 iterations of 200 ms), one fork per
 * test, one JVM configuration, no split compilation, 2 CPUs; about 20 s in all. The {@code stress} run uses the
 * "default" preset with jcstress's own JVM configurations (split per-actor compilation, C2 code-motion
 * randomizers) and takes much longer.
 */
final class JcstressLitmusTest {
    private static final List<Class<?>> LITMUS_TESTS = List.of(
            SeqlockLitmus.class,
            ExclusiveIncrementLitmus.class,
            SharedExclusiveLitmus.TryLocks.class,
            SharedExclusiveLitmus.Blocking.class,
            UpgradeLitmus.Race.class,
            UpgradeLitmus.Stale.class,
            dev.pagebox.internal.buffer.ReheatVersusEvictLitmus.class,
            dev.pagebox.internal.buffer.SharedLatchVersusEvictLitmus.class,
            dev.pagebox.internal.buffer.FaultVersusSiblingEvictLitmus.class);

    /** The latch litmus tests of this package and the eviction ones of the buffer pool (qualified names). */
    private static final String TEST_FILTER = "^dev\\.pagebox\\.(jcstress\\.[A-Z]|internal\\.buffer\\.\\w+Litmus)";

    @Test
    void boundedRunObservesNoForbiddenOutcome() throws Exception {
        runAndCheck(
                "quick",
                Duration.ofMinutes(5),
                List.of("-m", "quick", "-f", "1", "-sc", "false", "-c", "2", "-jvmArgs", JcstressRunner.FORK_JVM_ARGS));
    }

    @Test
    @Tag("stress")
    void longRunObservesNoForbiddenOutcome() throws Exception {
        runAndCheck(
                "default",
                Duration.ofHours(6),
                List.of("-m", "default", "-jvmArgsPrepend", JcstressRunner.FORK_JVM_ARGS));
    }

    private static void runAndCheck(String run, Duration timeout, List<String> modeArgs) throws Exception {
        Path reportDir = Path.of("target", "jcstress", run).toAbsolutePath();
        List<String> args = new ArrayList<>(modeArgs);
        args.addAll(List.of("-t", TEST_FILTER));

        JcstressRunner.Report report = JcstressRunner.run(reportDir, args, timeout);

        assertThat(report.failures()).as("jcstress failures; see %s", reportDir).isEmpty();
        assertThat(report.samplesPerTest())
                .as("samples per litmus test; see %s", report.console())
                .containsOnlyKeys(
                        LITMUS_TESTS.stream().map(Class::getCanonicalName).toList())
                .allSatisfy((test, samples) -> assertThat(samples).as(test).isPositive());
        assertThat(report.exitCode())
                .as("jcstress exit code; see %s", report.console())
                .isZero();
    }
}
