/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import dev.pagebox.bench.ycsb.generator.AcknowledgedCounter;
import dev.pagebox.bench.ycsb.generator.KeyChooser;
import dev.pagebox.bench.ycsb.generator.LatestChooser;
import dev.pagebox.bench.ycsb.generator.ScrambledZipfianChooser;
import dev.pagebox.bench.ycsb.generator.UniformChooser;
import java.util.random.RandomGenerator;

/**
 * What the client threads of one run share: the workload, the insert counter and the key chooser.
 *
 * <p>As in YCSB, the zipfian chooser covers the loaded records plus room for the inserts the run may make
 * (twice the expected count, or as many again as were loaded when the run is bounded by time), and draws
 * beyond the last acknowledged insert are drawn again.
 */
final class WorkloadState {
    private final Workload workload;
    private final AcknowledgedCounter inserts;
    private final KeyChooser chooser;

    /**
     * Creates the shared state.
     *
     * @param workload the workload
     * @param loadedRecords records 0 to {@code loadedRecords - 1} exist
     * @param plannedOperations the run's operation count, or 0 if it is bounded by time
     */
    WorkloadState(Workload workload, long loadedRecords, long plannedOperations) {
        this.workload = workload;
        this.inserts = new AcknowledgedCounter(loadedRecords);
        long room = plannedOperations > 0
                ? (long) Math.ceil(plannedOperations * workload.share(Operation.INSERT) * 2)
                : (workload.share(Operation.INSERT) > 0 ? loadedRecords : 0);
        long keySpace = Math.max(1, loadedRecords + room);
        this.chooser = switch (workload.distribution()) {
            case UNIFORM -> new UniformChooser(0, Math.max(0, loadedRecords - 1));
            case ZIPFIAN -> new ScrambledZipfianChooser(0, keySpace);
            case LATEST -> new LatestChooser(inserts);
        };
    }

    Workload workload() {
        return workload;
    }

    AcknowledgedCounter inserts() {
        return inserts;
    }

    /** Picks a record that exists: one loaded, or inserted and acknowledged. */
    long existingRecord(RandomGenerator random) {
        while (true) {
            long record = chooser.next(random);
            if (record <= inserts.lastAcknowledged()) {
                return record;
            }
        }
    }

    int scanLength(RandomGenerator random) {
        return 1 + random.nextInt(Workload.MAX_SCAN_LENGTH);
    }
}
