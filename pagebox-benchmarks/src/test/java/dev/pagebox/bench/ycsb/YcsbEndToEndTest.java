/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.bench.ycsb.report.ResultsCsv;
import dev.pagebox.bench.ycsb.report.RunRecord;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny campaign through real child JVMs: one workload, two engines, every output file. */
class YcsbEndToEndTest {
    @TempDir
    Path work;

    @Test
    void tinyCampaignWritesCsvMarkdownAndChart() throws IOException, InterruptedException {
        Path output = work.resolve("out");
        YcsbOptions options = YcsbOptions.parse(
                "--workloads", "c",
                "--engines", "pagebox,lmdb,skiplist",
                "--records", "3000",
                "--value-size", "64",
                "--operations", "4000",
                "--warmup", "0",
                "--threads", "2",
                "--heap", "256m",
                "--data-dir", work.resolve("data").toString(),
                "--output-dir", output.toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        List<RunRecord> results = new Campaign(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(results).extracting(RunRecord::engine).containsExactly("pagebox", "lmdb", "skiplist");
        for (RunRecord run : results) {
            assertThat(run.operations()).isEqualTo(4000);
            assertThat(run.seconds()).isPositive();
            assertThat(run.p50Micros()).isPositive().isLessThanOrEqualTo(run.p99Micros());
            assertThat(run.p99Micros()).isLessThanOrEqualTo(run.p999Micros());
            assertThat(run.peakRssBytes()).isGreaterThan(256L << 20); // the heap is touched at start
            assertThat(run.engineRssBytes()).isNotNegative().isLessThan(run.peakRssBytes() - (256L << 20));
        }
        assertThat(results.getFirst().diskBytesAfterLoad()).isGreaterThan(3000L * 72);
        assertThat(ResultsCsv.read(output.resolve("results.csv"))).isEqualTo(results);
        String markdown = Files.readString(output.resolve("results.md"));
        assertThat(markdown)
                .contains("| resident | c \u00d72 |")
                .contains("lmdb \u2020")
                .contains("| pagebox |")
                .doesNotContain("Pagebox: pending");
        BufferedImage chart = ImageIO.read(output.resolve("ycsb-throughput.png").toFile());
        assertThat(chart.getWidth()).isGreaterThan(100);
        assertThat(Files.list(output.resolve("logs")).filter(p -> p.toString().endsWith(".log")))
                .hasSize(5); // the Pagebox and LMDB loads and runs, the skip list run
        assertThat(work.resolve("data")).doesNotExist();
    }
}
