/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The YCSB core workloads A to F (the proportions and distributions of their property files) and two
 * db_bench-style write workloads. Scans (E) have a length uniform in 1..100 ({@code maxscanlength=100}).
 */
public enum Workload {
    /** Update heavy: 50 % reads, 50 % updates, zipfian. */
    A("a", KeyDistribution.ZIPFIAN, 0.5, 0.5, 0, 0, 0),
    /** Read mostly: 95 % reads, 5 % updates, zipfian. */
    B("b", KeyDistribution.ZIPFIAN, 0.95, 0.05, 0, 0, 0),
    /** Read only, zipfian. */
    C("c", KeyDistribution.ZIPFIAN, 1, 0, 0, 0, 0),
    /** Read latest: 95 % reads, 5 % inserts, reads favour the newest records. */
    D("d", KeyDistribution.LATEST, 0.95, 0, 0.05, 0, 0),
    /** Short ranges: 95 % scans, 5 % inserts, zipfian start keys. */
    E("e", KeyDistribution.ZIPFIAN, 0, 0, 0.05, 0.95, 0),
    /** Read-modify-write: 50 % reads, 50 % read-modify-writes, zipfian. */
    F("f", KeyDistribution.ZIPFIAN, 0.5, 0, 0, 0, 0.5),
    /** Inserts every record into an empty store, in hashed (random) key order; ignores the duration. */
    FILL_RANDOM("fill-random", KeyDistribution.UNIFORM, 0, 0, 1, 0, 0),
    /** Overwrites uniformly chosen existing records. */
    OVERWRITE("overwrite", KeyDistribution.UNIFORM, 0, 1, 0, 0, 0);

    /** The longest scan of workload E. */
    public static final int MAX_SCAN_LENGTH = 100;

    private final String label;
    private final KeyDistribution distribution;
    private final Operation[] operations = Operation.values();
    private final double[] cumulative = new double[operations.length];

    Workload(
            String label,
            KeyDistribution distribution,
            double read,
            double update,
            double insert,
            double scan,
            double readModifyWrite) {
        this.label = label;
        this.distribution = distribution;
        double[] shares = {read, update, insert, scan, readModifyWrite};
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            cumulative[i] = sum;
        }
        cumulative[shares.length - 1] = 1; // no rounding gap above the last operation
    }

    /**
     * Returns the command-line and report name.
     *
     * @return the name, such as {@code a} or {@code fill-random}
     */
    public String label() {
        return label;
    }

    /**
     * Returns how existing records are picked.
     *
     * @return the distribution
     */
    public KeyDistribution distribution() {
        return distribution;
    }

    /**
     * Tells whether the workload starts from a loaded store.
     *
     * @return false for {@link #FILL_RANDOM}, which starts empty
     */
    public boolean needsLoad() {
        return this != FILL_RANDOM;
    }

    /**
     * Returns the share of the workload's operations that are of one kind.
     *
     * @param operation the kind
     * @return a proportion in [0, 1]
     */
    public double share(Operation operation) {
        int i = operation.ordinal();
        return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }

    /**
     * Draws the next operation by the workload's proportions.
     *
     * @param random the calling thread's random source
     * @return the operation
     */
    public Operation nextOperation(RandomGenerator random) {
        double u = random.nextDouble();
        for (int i = 0; i < operations.length; i++) {
            if (u < cumulative[i]) {
                return operations[i];
            }
        }
        return operations[operations.length - 1];
    }

    /**
     * Parses a command-line name.
     *
     * @param label the name, case-insensitive
     * @return the workload
     */
    public static Workload of(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        for (Workload workload : values()) {
            if (workload.label.equals(wanted)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + label + "'; known: "
                + Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", ")));
    }
}
