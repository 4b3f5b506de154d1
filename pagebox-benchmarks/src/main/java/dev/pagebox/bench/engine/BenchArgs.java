/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command line of an engine benchmark: {@code --name value} options and bare {@code --flag}s, with sizes
 * ({@code 64k}, {@code 256m}, {@code 1g}), durations ({@code 500ms}, {@code 15s}, {@code 2m}) and
 * comma-separated lists.
 */
final class BenchArgs {
    private final Map<String, String> values;
    private final Set<String> flagsGiven;

    private BenchArgs(Map<String, String> values, Set<String> flagsGiven) {
        this.values = values;
        this.flagsGiven = flagsGiven;
    }

    /**
     * Parses a command line.
     *
     * @param args the arguments
     * @param options the names (without {@code --}) that take a value
     * @param flags the names that take none
     * @throws IllegalArgumentException on an unknown name or a missing value
     */
    static BenchArgs parse(String[] args, Set<String> options, Set<String> flags) {
        Map<String, String> values = new HashMap<>();
        Set<String> given = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (flags.contains(name)) {
                given.add(name);
            } else if (options.contains(name)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return new BenchArgs(values, given);
    }

    boolean flag(String name) {
        return flagsGiven.contains(name);
    }

    @Nullable
    String optional(String name) {
        return values.get(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is '" + value + "', not an integer", e);
        }
    }

    long bytes(String name, String fallback) {
        return parseBytes(name, string(name, fallback));
    }

    List<Long> byteList(String name, String fallback) {
        List<Long> sizes = new ArrayList<>();
        for (String item : list(name, fallback)) {
            sizes.add(parseBytes(name, item));
        }
        return sizes;
    }

    List<Integer> integerList(String name, String fallback) {
        List<Integer> numbers = new ArrayList<>();
        for (String item : list(name, fallback)) {
            try {
                numbers.add(Integer.parseInt(item));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " has '" + item + "', not an integer", e);
            }
        }
        return numbers;
    }

    List<String> list(String name, String fallback) {
        List<String> items = new ArrayList<>();
        for (String item : string(name, fallback).split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is empty");
        }
        return items;
    }

    /** {@code --cache}: {@code warm} and/or {@code cold}. */
    List<String> cacheModes(String fallback) {
        List<String> caches = list("cache", fallback);
        if (!Set.of("warm", "cold").containsAll(caches)) {
            throw new IllegalArgumentException("--cache takes warm and/or cold, not " + caches);
        }
        return caches;
    }

    /** {@code --value-size}: at least what a benchmark record's header needs. */
    int valueSize(int fallback) {
        int valueSize = integer("value-size", fallback);
        if (valueSize < BenchRecords.MIN_VALUE_LENGTH) {
            throw new IllegalArgumentException("--value-size must be at least " + BenchRecords.MIN_VALUE_LENGTH);
        }
        return valueSize;
    }

    Duration duration(String name, String fallback) {
        String value = string(name, fallback).toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            } else if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            } else if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is '" + value + "', not a duration like 15s", e);
        }
        throw new IllegalArgumentException("--" + name + " is '" + value + "', not a duration like 500ms, 15s, 2m");
    }

    private static long parseBytes(String name, String text) {
        String value = text.toLowerCase(Locale.ROOT);
        int shift =
                switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
                    case 'k' -> 10;
                    case 'm' -> 20;
                    case 'g' -> 30;
                    default -> 0;
                };
        String digits = shift == 0 ? value : value.substring(0, value.length() - 1);
        try {
            long number = Long.parseLong(digits);
            if (number <= 0) {
                throw new IllegalArgumentException("--" + name + " must be positive, not " + text);
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is '" + text + "', not a size like 4k, 256m, 1g", e);
        }
    }
}
