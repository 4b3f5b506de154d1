/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An immutable set of CPU numbers, convertible to and from Linux's {@code cpu_set_t} mask and its list
 * syntax ({@code "0-3,8,10-11"}, as in {@code /sys/devices/system/cpu/online} and {@code taskset -c}).
 */
public final class CpuSet {
    /** Size of the {@code cpu_set_t} passed to the kernel: 1024 CPUs, the glibc default. */
    static final long MASK_BYTES = 128;

    private static final int MAX_CPUS = (int) MASK_BYTES * Byte.SIZE;
    private static final ValueLayout.OfLong MASK_WORD = ValueLayout.JAVA_LONG;

    private final BitSet cpus;

    private CpuSet(BitSet cpus) {
        this.cpus = cpus;
    }

    /**
     * Returns the set of the given CPUs.
     *
     * @param cpuNumbers CPU numbers, each in {@code [0, 1024)}
     * @return the set
     */
    public static CpuSet of(int... cpuNumbers) {
        BitSet bits = new BitSet();
        for (int cpu : cpuNumbers) {
            bits.set(checkCpu(cpu));
        }
        return new CpuSet(bits);
    }

    /**
     * Parses Linux CPU-list syntax: comma-separated numbers and inclusive ranges, e.g. {@code "0-3,8"}.
     *
     * @param list the list; blank means the empty set
     * @return the set
     * @throws IllegalArgumentException if the list is malformed or names a CPU outside {@code [0, 1024)}
     */
    public static CpuSet parse(String list) {
        BitSet bits = new BitSet();
        String trimmed = list.strip();
        if (trimmed.isEmpty()) {
            return new CpuSet(bits);
        }
        for (String part : trimmed.split(",")) {
            String item = part.strip();
            int dash = item.indexOf('-');
            try {
                if (dash < 0) {
                    bits.set(checkCpu(Integer.parseInt(item)));
                } else {
                    int from = checkCpu(Integer.parseInt(item.substring(0, dash).strip()));
                    int to = checkCpu(Integer.parseInt(item.substring(dash + 1).strip()));
                    if (to < from) {
                        throw new IllegalArgumentException("CPU range " + item + " runs backwards");
                    }
                    bits.set(from, to + 1);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed CPU list '" + list + "': " + e.getMessage(), e);
            }
        }
        return new CpuSet(bits);
    }

    private static int checkCpu(int cpu) {
        if (cpu < 0 || cpu >= MAX_CPUS) {
            throw new IllegalArgumentException("CPU number " + cpu + " is outside [0, " + MAX_CPUS + ")");
        }
        return cpu;
    }

    static CpuSet readMask(MemorySegment mask) {
        long[] words = new long[(int) (MASK_BYTES / Long.BYTES)];
        for (int i = 0; i < words.length; i++) {
            words[i] = mask.get(MASK_WORD, (long) i * Long.BYTES);
        }
        return new CpuSet(BitSet.valueOf(words));
    }

    void writeMask(MemorySegment mask) {
        long[] words = cpus.toLongArray();
        mask.fill((byte) 0);
        for (int i = 0; i < words.length; i++) {
            mask.set(MASK_WORD, (long) i * Long.BYTES, words[i]);
        }
    }

    /**
     * Tells whether the set is empty.
     *
     * @return true if no CPU is in the set
     */
    public boolean isEmpty() {
        return cpus.isEmpty();
    }

    /**
     * Tells whether a CPU is in the set.
     *
     * @param cpu the CPU number
     * @return whether it is a member
     */
    public boolean contains(int cpu) {
        return cpu >= 0 && cpus.get(cpu);
    }

    /**
     * Returns the number of CPUs in the set.
     *
     * @return the count
     */
    public int size() {
        return cpus.cardinality();
    }

    /**
     * Returns the CPU numbers in ascending order.
     *
     * @return the members
     */
    public IntStream stream() {
        return cpus.stream();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CpuSet that && cpus.equals(that.cpus);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(cpus);
    }

    /** Returns the set in Linux CPU-list syntax, e.g. {@code "0-3,8"}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        int start = cpus.nextSetBit(0);
        while (start >= 0) {
            int end = cpus.nextClearBit(start) - 1;
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(start);
            if (end > start) {
                text.append('-').append(end);
            }
            start = cpus.nextSetBit(end + 1);
        }
        return text.toString();
    }
}
