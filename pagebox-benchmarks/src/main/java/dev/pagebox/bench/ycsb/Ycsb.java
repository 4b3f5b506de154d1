/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import dev.pagebox.bench.ycsb.report.ResultsCsv;
import java.util.List;

/**
 * The YCSB driver's entry point (see {@code pagebox-benchmarks/ycsb} and docs/benchmarks.md). Exit status 0 on
 * success, 1 on a usage error, {@value CellMain#WRONG_ANSWER} if an engine gave a wrong answer, 2 on any other
 * failure.
 */
public final class Ycsb {
    private Ycsb() {}

    /**
     * Runs the campaign a command line describes.
     *
     * @param args the options, see {@link YcsbOptions#usage()}
     */
    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(YcsbOptions.usage());
            return;
        }
        if (BulkLoadBench.requested(args)) {
            BulkLoadBench.main(args);
            return;
        }
        YcsbOptions options;
        try {
            options = YcsbOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ycsb: " + e.getMessage());
            System.err.print(YcsbOptions.usage());
            System.exit(1);
            return;
        }
        try {
            if (options.reportFrom() != null) {
                Campaign.writeReports(ResultsCsv.read(options.reportFrom()), options.outputDirectory());
            } else {
                new Campaign(options, System.out).run();
            }
            System.out.println("results in " + options.outputDirectory().toAbsolutePath());
        } catch (VerificationException e) {
            System.err.println("ycsb: WRONG ANSWER, run failed: " + e.getMessage());
            System.exit(CellMain.WRONG_ANSWER);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(2);
        }
    }
}
