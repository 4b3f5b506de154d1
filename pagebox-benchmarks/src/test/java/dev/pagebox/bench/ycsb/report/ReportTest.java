/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static RunRecord run(String engine, String regime, int repeat, long operations, double p99) {
        return new RunRecord(
                engine,
                "a",
                regime,
                2,
                "platform",
                repeat,
                1000,
                100,
                1 << 24,
                !engine.equals("lmdb"),
                operations,
                10.0,
                1.5,
                p99,
                p99 * 2,
                p99 * 3,
                0,
                operations * 50,
                123456,
                1 << 26,
                (1 << 24) + (1 << 21),
                1.25,
                "-");
    }

    @Test
    void csvRoundTripsEveryField() {
        RunRecord record = run("rocksdb", "resident", 1, 12345, 17.5);
        assertThat(RunRecord.fromCsv(record.toCsv())).isEqualTo(record);
        assertThat(record.toCsv().split(",")).hasSize(RunRecord.COLUMNS.size());
        assertThat(record.writeBytesPerOperation()).isEqualTo(50.0);
    }

    @Test
    void csvRowsWrittenBeforeEngineRssWasMeasuredStillParse() {
        RunRecord record = run("rocksdb", "resident", 1, 12345, 17.5);
        String csv = record.toCsv();
        String older = csv.substring(0, csv.lastIndexOf(','));
        assertThat(RunRecord.fromCsv(older).engineRssBytes()).isEqualTo(-1);
        assertThat(RunRecord.fromCsv(older).peakRssBytes()).isEqualTo(record.peakRssBytes());
    }

    @Test
    void summariesTakeTheMedianOfEachFigure() {
        List<CellSummary> cells = CellSummary.of(List.of(
                run("rocksdb", "resident", 1, 1000, 9),
                run("rocksdb", "resident", 2, 3000, 1),
                run("rocksdb", "resident", 3, 2000, 5),
                run("lmdb", "resident", 1, 500, 2),
                run("lmdb", "resident", 2, 700, 4)));
        assertThat(cells).hasSize(2);
        assertThat(cells.getFirst().operationsPerSecond()).isEqualTo(200.0);
        assertThat(cells.getFirst().p99Micros()).isEqualTo(5.0);
        assertThat(cells.get(1).operationsPerSecond()).isEqualTo(60.0);
        assertThat(cells.get(1).runs()).isEqualTo(2);
    }

    @Test
    void markdownHasAMatrixRowPerCellAndMarksUnboundedEngines() {
        List<RunRecord> records = List.of(
                run("rocksdb", "resident", 1, 1000, 9),
                run("lmdb", "resident", 1, 500, 2),
                run("rocksdb", "durable", 1, 40, 2000));
        String markdown = MarkdownReport.render(records, List.of("rocksdb", "lmdb"));
        assertThat(markdown)
                .contains("| regime | workload | rocksdb | lmdb |")
                .contains("| resident | a \u00d72 | 100 | 50 |")
                .contains("| durable | a \u00d72 | 4 | n/a |")
                .contains("| a \u00d72 | lmdb \u2020 |")
                .contains("| 64.0 | 18.0 | 1.13 | 1 |") // peak RSS, engine RSS, engine RSS / 16 MiB budget
                .contains("Pagebox: pending");
        assertThat(MarkdownReport.render(records, List.of("rocksdb", "pagebox")))
                .doesNotContain("pending");
    }

    @Test
    void chartHasAPanelPerRegime() {
        List<RunRecord> records = List.of(run("rocksdb", "resident", 1, 1000, 9), run("rocksdb", "durable", 1, 40, 9));
        BufferedImage one = ThroughputChart.draw(records.subList(0, 1));
        BufferedImage two = ThroughputChart.draw(records);
        assertThat(two.getHeight()).isGreaterThan(one.getHeight());
        assertThat(ThroughputChart.compact(1_234_567)).isEqualTo("1.2M");
        assertThat(ThroughputChart.compact(45_300)).isEqualTo("45.3k");
    }
}
