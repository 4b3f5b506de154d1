/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Everything a child JVM needs to run one phase of one cell, passed as a properties file.
 *
 * @param phase load the base data set, or run the timed workload
 * @param engine the engine's registry name
 * @param workload the workload (ignored by {@link Phase#LOAD})
 * @param regime the regime
 * @param threads client threads of the timed run
 * @param virtualThreads whether the clients are virtual threads
 * @param records records loaded before the run (or inserted by fill-random)
 * @param valueSize bytes per value
 * @param cacheBudget the engine's cache budget in bytes
 * @param durationMillis length of the timed run (ignored when {@code operations > 0})
 * @param warmupMillis untimed workload before the timed run
 * @param operations operations of the timed run, 0 to run for the duration
 * @param seed seed of values and client random sources
 * @param loadThreads threads that load the data
 * @param batch records per write of a fill (1: one put each; more: the engine's batches)
 * @param directory the store's directory
 */
record CellSpec(
        Phase phase,
        String engine,
        Workload workload,
        Regime regime,
        int threads,
        boolean virtualThreads,
        long records,
        int valueSize,
        long cacheBudget,
        long durationMillis,
        long warmupMillis,
        long operations,
        long seed,
        int loadThreads,
        int batch,
        Path directory) {

    /** The two kinds of child. */
    enum Phase {
        /** Load the records into an empty store, close it. */
        LOAD,
        /** Open the store, warm up, run the timed workload, close it. */
        RUN
    }

    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("phase", phase.name());
        properties.setProperty("engine", engine);
        properties.setProperty("workload", workload.label());
        properties.setProperty("regime", regime.label());
        properties.setProperty("threads", Integer.toString(threads));
        properties.setProperty("virtualThreads", Boolean.toString(virtualThreads));
        properties.setProperty("records", Long.toString(records));
        properties.setProperty("valueSize", Integer.toString(valueSize));
        properties.setProperty("cacheBudget", Long.toString(cacheBudget));
        properties.setProperty("durationMillis", Long.toString(durationMillis));
        properties.setProperty("warmupMillis", Long.toString(warmupMillis));
        properties.setProperty("operations", Long.toString(operations));
        properties.setProperty("seed", Long.toString(seed));
        properties.setProperty("loadThreads", Integer.toString(loadThreads));
        properties.setProperty("batch", Integer.toString(batch));
        properties.setProperty("directory", directory.toAbsolutePath().toString());
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "one YCSB cell phase");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static CellSpec read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new CellSpec(
                Phase.valueOf(properties.getProperty("phase")),
                properties.getProperty("engine"),
                Workload.of(properties.getProperty("workload")),
                Regime.of(properties.getProperty("regime")),
                Integer.parseInt(properties.getProperty("threads")),
                Boolean.parseBoolean(properties.getProperty("virtualThreads")),
                Long.parseLong(properties.getProperty("records")),
                Integer.parseInt(properties.getProperty("valueSize")),
                Long.parseLong(properties.getProperty("cacheBudget")),
                Long.parseLong(properties.getProperty("durationMillis")),
                Long.parseLong(properties.getProperty("warmupMillis")),
                Long.parseLong(properties.getProperty("operations")),
                Long.parseLong(properties.getProperty("seed")),
                Integer.parseInt(properties.getProperty("loadThreads")),
                Integer.parseInt(properties.getProperty("batch", "1")),
                Path.of(properties.getProperty("directory")));
    }
}
