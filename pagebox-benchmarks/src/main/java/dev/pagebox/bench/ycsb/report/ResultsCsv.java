/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The raw results file: a header and one {@link RunRecord} per line, appended as runs finish. */
public final class ResultsCsv {
    private ResultsCsv() {}

    /**
     * Creates the file with its header, replacing any old one.
     *
     * @param file the CSV file
     */
    public static void create(Path file) {
        write(file, String.join(",", RunRecord.COLUMNS) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Appends one row, so that a campaign stopped half-way keeps what it measured.
     *
     * @param file the CSV file
     * @param record the row
     */
    public static void append(Path file, RunRecord record) {
        write(file, record.toCsv() + "\n", StandardOpenOption.APPEND);
    }

    /**
     * Reads every row.
     *
     * @param file the CSV file
     * @return the rows in file order
     */
    public static List<RunRecord> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty() || !lines.getFirst().equals(String.join(",", RunRecord.COLUMNS))) {
                throw new IllegalArgumentException(file + " is not a results file: unexpected header");
            }
            return lines.stream()
                    .skip(1)
                    .filter(line -> !line.isBlank())
                    .map(RunRecord::fromCsv)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text, StandardOpenOption mode) {
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
