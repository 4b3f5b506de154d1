/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.engine;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Medians and number formats shared by the engine benchmarks' reports. */
final class Figures {
    private static final double MIB = 1 << 20;

    private Figures() {}

    /**
     * The median of a property of some items (the mean of the middle two for an even count).
     *
     * @throws IllegalArgumentException if there are no items
     */
    static <T> double median(List<T> items, ToDoubleFunction<T> property) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] values = items.stream().mapToDouble(property).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** The largest value of a property of some items, or 0 if there are none. */
    static <T> double max(List<T> items, ToDoubleFunction<T> property) {
        return items.stream().mapToDouble(property).max().orElse(0);
    }

    /**
     * The items in the order run {@code run} should measure them: as given on even runs, reversed on odd ones, so
     * a slow drift of the machine, or what one measurement leaves behind for the next, falls on each of them.
     */
    static <T> List<T> alternate(List<T> items, int run) {
        return run % 2 == 0 ? items : items.reversed();
    }

    static double mib(double bytes) {
        return bytes / MIB;
    }

    static double millis(double nanos) {
        return nanos / 1e6;
    }

    static double micros(double nanos) {
        return nanos / 1e3;
    }

    /** Formats with thousands separators and the given decimals, independent of the default locale. */
    static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
