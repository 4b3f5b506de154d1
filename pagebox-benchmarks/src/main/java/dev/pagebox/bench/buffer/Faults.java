/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.buffer;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Pages read from the file per iteration, reported by JMH as a rate next to the operation rate. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Faults {
    /** Page reads (pool faults, or raw reads) in this iteration. */
    public long faults;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
        faults = 0;
    }
}
