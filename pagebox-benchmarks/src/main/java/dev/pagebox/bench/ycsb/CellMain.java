/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import dev.pagebox.bench.kv.EngineConfig;
import dev.pagebox.bench.kv.KvEngine;
import dev.pagebox.bench.kv.KvEngineType;
import dev.pagebox.bench.kv.KvEngines;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The child JVM of one cell phase: {@code CellMain <spec.properties> <result.properties>}. A child runs one
 * engine only, so its peak RSS and device bytes belong to that engine. Exit status 0 means the result file was
 * written, {@value #WRONG_ANSWER} that the engine gave a wrong answer, anything else another failure; the
 * message is on standard error.
 */
public final class CellMain {
    /** Exit status of a child whose engine returned a wrong answer. */
    static final int WRONG_ANSWER = 3;

    private static final int FAILED = 2;

    private CellMain() {}

    /**
     * Runs one phase.
     *
     * @param args the spec file and the result file
     */
    public static void main(String[] args) {
        int status;
        try {
            CellSpec spec = CellSpec.read(Path.of(args[0]));
            CellResult result = spec.phase() == CellSpec.Phase.LOAD ? load(spec) : run(spec);
            result.write(Path.of(args[1]));
            status = 0;
        } catch (VerificationException e) {
            System.err.println("WRONG ANSWER: " + e.getMessage());
            e.printStackTrace();
            status = WRONG_ANSWER;
        } catch (Throwable t) {
            t.printStackTrace();
            status = FAILED;
        }
        // Engines may leave non-daemon threads behind (RocksDB's), so leave explicitly.
        System.exit(status);
    }

    static CellResult load(CellSpec spec) throws InterruptedException {
        ProcessStats.DeviceBytes before = ProcessStats.deviceBytes(spec.directory());
        long baseline = ProcessStats.residentBytes();
        KvEngine engine = open(spec, false, spec.loadThreads());
        ClientThreads.Outcome outcome;
        try {
            outcome = fill(engine, spec, spec.loadThreads(), false);
        } catch (RuntimeException | InterruptedException e) {
            engine.close();
            throw e;
        }
        engine.close();
        ProcessStats.DeviceBytes device =
                ProcessStats.deviceBytes(spec.directory()).since(before);
        return CellResult.of(outcome, device, ProcessStats.peakResidentBytes(), baseline, engine.onDiskBytes(), 0);
    }

    static CellResult run(CellSpec spec) throws InterruptedException {
        KvEngineType type = KvEngines.byName(spec.engine());
        boolean durable = spec.regime() == Regime.DURABLE;
        long baseline = ProcessStats.residentBytes();
        KvEngine engine = open(spec, durable, Math.max(spec.threads(), spec.loadThreads()));
        long loadNanos = 0;
        Measured measured;
        try {
            if (spec.workload().needsLoad() && !type.persistent()) {
                // Nothing to reopen: load in this JVM, untimed.
                loadNanos = fill(engine, spec, spec.loadThreads(), false).elapsedNanos();
            }
            measured = timed(spec, engine);
        } catch (RuntimeException | InterruptedException e) {
            engine.close();
            throw e;
        }
        // Closed inside the measurement, so that the write counts include what the close flushes.
        engine.close();
        ProcessStats.DeviceBytes device =
                ProcessStats.deviceBytes(spec.directory()).since(measured.before());
        return CellResult.of(
                measured.outcome(),
                device,
                ProcessStats.peakResidentBytes(),
                baseline,
                engine.onDiskBytes(),
                loadNanos);
    }

    /** The timed part's outcome and the device counters at its start. */
    private record Measured(ClientThreads.Outcome outcome, ProcessStats.DeviceBytes before) {}

    private static Measured timed(CellSpec spec, KvEngine engine) throws InterruptedException {
        Values values = new Values(spec.seed(), spec.valueSize());
        if (!spec.workload().needsLoad()) {
            ProcessStats.DeviceBytes before = ProcessStats.deviceBytes(spec.directory());
            return new Measured(fill(engine, spec, spec.threads(), spec.virtualThreads()), before);
        }
        if (spec.regime() != Regime.PRESSURE) {
            readEveryRecord(engine, spec, values);
        }
        WorkloadState state = new WorkloadState(spec.workload(), spec.records(), spec.operations());
        ClientThreads.Step step = client -> {
            client.execute(client.nextOperation());
            return 1;
        };
        if (spec.warmupMillis() > 0) {
            ClientThreads.run(
                    spec.threads(),
                    spec.virtualThreads(),
                    clients(engine, state, values, spec.seed() + 1),
                    step,
                    TimeUnit.MILLISECONDS.toNanos(spec.warmupMillis()),
                    0);
        }
        ProcessStats.DeviceBytes before = ProcessStats.deviceBytes(spec.directory());
        ClientThreads.Outcome outcome = ClientThreads.run(
                spec.threads(),
                spec.virtualThreads(),
                clients(engine, state, values, spec.seed() + 2),
                step,
                spec.operations() > 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(spec.durationMillis()),
                spec.operations());
        return new Measured(outcome, before);
    }

    private static KvEngine open(CellSpec spec, boolean durable, int maxThreads) {
        return KvEngines.byName(spec.engine())
                .open(new EngineConfig(spec.directory(), spec.cacheBudget(), durable, maxThreads));
    }

    /** Inserts records {@code 0..records-1} (hashed, so in random key order) into an empty store. */
    private static ClientThreads.Outcome fill(KvEngine engine, CellSpec spec, int threads, boolean virtual)
            throws InterruptedException {
        WorkloadState state = new WorkloadState(Workload.FILL_RANDOM, 0, spec.records());
        Values values = new Values(spec.seed(), spec.valueSize());
        long records = spec.records();
        int batch = spec.batch();
        ClientThreads.Step step =
                batch > 1 ? c -> c.insertBatchBelow(records, batch) : c -> c.insertBelow(records) ? 1 : 0;
        return ClientThreads.run(threads, virtual, clients(engine, state, values, spec.seed()), step, 0, 0);
    }

    /** Reads and checks every loaded record once: warms the engine's cache and verifies the load. */
    private static void readEveryRecord(KvEngine engine, CellSpec spec, Values values) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        long records = spec.records();
        WorkloadState state = new WorkloadState(Workload.C, records, 0);
        int threads = Math.min(spec.threads(), Runtime.getRuntime().availableProcessors());
        ClientThreads.run(
                threads,
                false,
                clients(engine, state, values, spec.seed()),
                client -> {
                    long record = next.getAndIncrement();
                    if (record >= records) {
                        return 0;
                    }
                    client.read(record);
                    return 1;
                },
                0,
                0);
    }

    private static IntFunction<Client> clients(KvEngine engine, WorkloadState state, Values values, long seed) {
        return thread -> new Client(
                engine, state, values, new SplittableRandom(Keys.hash(seed) ^ Keys.hash(thread + 1L)), thread);
    }
}
