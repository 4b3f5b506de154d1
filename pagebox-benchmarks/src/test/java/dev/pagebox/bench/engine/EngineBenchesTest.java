/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each engine benchmark, run with tiny sizes, reports figures consistent with what it did and cleans up. */
class EngineBenchesTest {
    /** Small pages and a small log, so a few hundred KiB of log spans several segments. */
    private static final PageboxOptions SMALL = PageboxOptions.builder()
            .pageSize(4096)
            .poolSize(8L << 20)
            .walSegmentSize(1L << 20)
            .walBufferSize(1 << 20)
            .build();

    @TempDir
    Path root;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void recoveryReplaysExactlyTheLogWrittenSinceTheCheckpoint() {
        var config = new RecoveryBench.Config(root, List.of(2L << 20, 4L << 20), 2000, 64, 1, List.of("warm"), SMALL);

        List<RecoveryBench.Result> results = RecoveryBench.run(config, out);

        assertThat(results).hasSize(2);
        for (RecoveryBench.Result result : results) {
            RecoveryBench.Build build = result.build();
            assertThat(build.logBytes()).isGreaterThanOrEqualTo(build.targetBytes());
            // every overwrite is at least one log record; page images add more
            assertThat(build.logRecords()).isGreaterThanOrEqualTo(build.puts());
            assertThat(result.runs()).hasSize(1).allSatisfy(run -> {
                assertThat(run.recovery().recordsReplayed()).isEqualTo(build.logRecords());
                assertThat(run.replayedBytes()).isGreaterThanOrEqualTo(build.logBytes());
                assertThat(run.openNanos())
                        .isGreaterThanOrEqualTo(run.recovery().took().toNanos());
                assertThat(run.mibPerSecond()).isPositive();
            });
        }
        // twice the log, about twice the records
        long small = results.get(0).build().logRecords();
        long large = results.get(1).build().logRecords();
        assertThat(large).isBetween(small * 3 / 2, small * 3);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("| log replayed (MiB) |");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void cleanOpenReplaysNothingAndFindsTheRecordInAFreshJvm() {
        var config = new CleanOpenBench.Config(root, 2L << 20, 100, 1, List.of("warm"), SMALL);

        CleanOpenBench.Result result = CleanOpenBench.run(config, out);

        assertThat(result.build().dataFileBytes()).isGreaterThanOrEqualTo(2L << 20);
        assertThat(result.build().storeBytes())
                .isGreaterThanOrEqualTo(result.build().dataFileBytes());
        assertThat(result.runs()).hasSize(1).allSatisfy(run -> {
            assertThat(run.child().recordsReplayed()).isZero();
            assertThat(run.child().openNanos()).isPositive();
            assertThat(run.child().reopenNanos()).isPositive();
            assertThat(run.processNanos())
                    .isGreaterThan(run.firstAnswerNanos()
                            + run.child().closeNanos()
                            + run.child().reopenNanos());
        });
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("| warm |");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void checkpointLatencyPhasesHaveOrderedPercentilesAndCheckpointOnlyWhenAsked() {
        var config = new CheckpointLatencyBench.Config(
                root,
                3000,
                64,
                List.of(CommitMode.STRICT, CommitMode.RELAXED),
                List.of(2),
                Duration.ofMillis(300),
                Duration.ofMillis(50),
                1,
                SMALL.toBuilder().poolSize(4L << 20).build());

        CheckpointLatencyBench.Result result = CheckpointLatencyBench.run(config, out);

        assertThat(result.verify().isClean()).isTrue();
        assertThat(result.verify().entries()).isEqualTo(3000);
        assertThat(result.phases()).hasSize(4).allSatisfy(phase -> {
            assertThat(phase.puts()).isPositive().isEqualTo(phase.latency().getTotalCount());
            assertThat(phase.percentile(50)).isPositive().isLessThanOrEqualTo(phase.percentile(99));
            assertThat(phase.percentile(99)).isLessThanOrEqualTo(phase.percentile(99.9));
            assertThat(phase.percentile(99.9))
                    .isLessThanOrEqualTo(phase.latency().getMaxValue());
            assertThat(phase.logBytes()).isPositive();
            if (phase.checkpointing()) {
                assertThat(phase.checkpointNanos()).isNotEmpty().allSatisfy(n -> assertThat(n)
                        .isPositive());
            } else {
                assertThat(phase.checkpointNanos()).isEmpty();
            }
        });
        assertThat(result.phases().stream().map(CheckpointLatencyBench.Phase::mode))
                .containsOnly(CommitMode.STRICT, CommitMode.RELAXED);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("| strict ×2 | back to back |");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void commandLinesParseSizesDurationsAndListsAndRejectUnknownOptions() {
        BenchArgs args = BenchArgs.parse(
                new String[] {"--wal", "256m,1g", "--duration", "500ms", "--cold", "--threads", "1,2"},
                Set.of("wal", "duration", "threads"),
                Set.of("cold"));

        assertThat(args.byteList("wal", "1k")).containsExactly(256L << 20, 1L << 30);
        assertThat(args.duration("duration", "1s")).isEqualTo(Duration.ofMillis(500));
        assertThat(args.duration("warmup", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(args.integerList("threads", "4")).containsExactly(1, 2);
        assertThat(args.flag("cold")).isTrue();
        assertThat(args.optional("dir")).isNull();
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--nope", "1"}, Set.of("wal"), Set.of()))
                .hasMessageContaining("--nope");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--wal", "-3m"}, Set.of("wal"), Set.of())
                        .bytes("wal", "1m"))
                .hasMessageContaining("--wal");
    }

    private List<Path> leftovers() {
        try (Stream<Path> files = Files.list(root)) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
