/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link PageboxCrashTest} expects of a store: for each writer thread of {@link CrashWorkload}, the write
 * that last set each of its keys, and the operations its journals announced since the last check. After a crash
 * the store must equal the model with every acknowledged operation applied and each interrupted one applied
 * whole or not at all ({@code STRICT}), or with some prefix of the operations applied ({@code RELAXED}: a lost
 * suffix, no holes). A batch applied in part matches no candidate.
 */
final class CrashModel {
    /** A value: the step of the operation that put it, and whether that operation was a batch. */
    record Write(long stamp, int step, boolean inBatch) {
        byte[] value(int thread) {
            return CrashWorkload.value(stamp, step, thread, inBatch);
        }
    }

    record Step(String tree, int key, boolean put) {}

    record Operation(long stamp, List<Step> steps, boolean acknowledged) {}

    /** What a check found, for the test's figures. */
    record Outcome(int operations, int interrupted, int interruptedApplied, int lost) {}

    private final List<Map<String, Write>> state = new ArrayList<>();
    private final List<List<Operation>> pending = new ArrayList<>();
    private final Map<Write, Integer> hashes = new HashMap<>();

    CrashModel() {
        for (int thread = 0; thread < CrashWorkload.THREADS; thread++) {
            state.add(new HashMap<>());
            pending.add(new ArrayList<>());
        }
    }

    /** Reads the journals one child wrote; its operations follow those read before. */
    void readJournals(Path journals, long seed) throws IOException {
        for (int thread = 0; thread < CrashWorkload.THREADS; thread++) {
            Path journal = journals.resolve("journal-" + thread);
            if (!Files.exists(journal)) {
                continue;
            }
            Operation open = null;
            for (String line : Files.readAllLines(journal)) {
                String[] words = line.split(" ");
                if (words[0].equals("B")) {
                    List<Step> steps = new ArrayList<>();
                    for (int i = 2; i + 2 < words.length; i += 3) {
                        steps.add(new Step(words[i], Integer.parseInt(words[i + 1]), words[i + 2].equals("+")));
                    }
                    open = new Operation(CrashWorkload.stamp(seed, thread, Integer.parseInt(words[1])), steps, false);
                } else if (words[0].equals("A") && open != null) {
                    pending.get(thread).add(new Operation(open.stamp(), open.steps(), true));
                    open = null;
                }
            }
            if (open != null) {
                pending.get(thread).add(open);
            }
        }
    }

    /**
     * Checks a thread's keys in the store against the candidates its pending operations allow, and makes the
     * matching one the new model.
     *
     * @param actual the store's entries of this thread: "tree/key" to value
     * @param strict STRICT (acknowledged operations all present) or RELAXED (any prefix)
     * @return the figures, or null if no candidate matches
     */
    Outcome check(int thread, Map<String, byte[]> actual, boolean strict) {
        List<Operation> operations = pending.get(thread);
        Map<String, Integer> actualHashes = new HashMap<>();
        actual.forEach((key, value) -> actualHashes.put(key, Arrays.hashCode(value)));
        Map<String, Write> matched = strict
                ? matchStrict(thread, operations, actual, actualHashes)
                : matchPrefix(thread, operations, actual, actualHashes);
        if (matched == null) {
            return null;
        }
        int acknowledged = acknowledgedCount(operations);
        Outcome outcome = new Outcome(
                operations.size(),
                operations.size() - acknowledged,
                strict ? appliedInterrupted : 0,
                strict ? 0 : Math.max(0, acknowledged - prefixLength));
        state.set(thread, matched);
        operations.clear();
        return outcome;
    }

    private int appliedInterrupted;
    private int prefixLength;

    private static int acknowledgedCount(List<Operation> operations) {
        return (int) operations.stream().filter(Operation::acknowledged).count();
    }

    /** Every acknowledged operation, and each interrupted one or not. */
    private Map<String, Write> matchStrict(
            int thread, List<Operation> operations, Map<String, byte[]> actual, Map<String, Integer> actualHashes) {
        List<Integer> optional = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            if (!operations.get(i).acknowledged()) {
                optional.add(i);
            }
        }
        for (int mask = 0; mask < 1 << optional.size(); mask++) {
            Map<String, Write> candidate = new HashMap<>(state.get(thread));
            Set<Integer> skipped = new HashSet<>();
            for (int bit = 0; bit < optional.size(); bit++) {
                if ((mask & (1 << bit)) == 0) {
                    skipped.add(optional.get(bit));
                }
            }
            for (int i = 0; i < operations.size(); i++) {
                if (!skipped.contains(i)) {
                    apply(candidate, operations.get(i));
                }
            }
            if (matches(thread, candidate, actual, actualHashes)) {
                appliedInterrupted = optional.size() - skipped.size();
                return candidate;
            }
        }
        return null;
    }

    /** The longest prefix of the operations that gives the store's state. */
    private Map<String, Write> matchPrefix(
            int thread, List<Operation> operations, Map<String, byte[]> actual, Map<String, Integer> actualHashes) {
        Map<String, Write> candidate = new HashMap<>(state.get(thread));
        Set<String> keys = new HashSet<>(candidate.keySet());
        keys.addAll(actual.keySet());
        operations.forEach(op -> op.steps().forEach(step -> keys.add(name(step))));
        Set<String> mismatched = new HashSet<>();
        for (String key : keys) {
            if (!same(thread, candidate.get(key), actual.get(key), actualHashes.get(key))) {
                mismatched.add(key);
            }
        }
        Map<String, Write> best = mismatched.isEmpty() ? new HashMap<>(candidate) : null;
        prefixLength = 0;
        for (int i = 0; i < operations.size(); i++) {
            apply(candidate, operations.get(i));
            for (Step step : operations.get(i).steps()) {
                String key = name(step);
                if (same(thread, candidate.get(key), actual.get(key), actualHashes.get(key))) {
                    mismatched.remove(key);
                } else {
                    mismatched.add(key);
                }
            }
            if (mismatched.isEmpty()) {
                best = new HashMap<>(candidate);
                prefixLength = i + 1;
            }
        }
        return best;
    }

    private static void apply(Map<String, Write> model, Operation operation) {
        for (int step = 0; step < operation.steps().size(); step++) {
            Step s = operation.steps().get(step);
            if (s.put()) {
                model.put(
                        name(s),
                        new Write(operation.stamp(), step, operation.steps().size() > 1));
            } else {
                model.remove(name(s));
            }
        }
    }

    private boolean matches(
            int thread, Map<String, Write> candidate, Map<String, byte[]> actual, Map<String, Integer> actualHashes) {
        if (!candidate.keySet().equals(actual.keySet())) {
            return false;
        }
        for (Map.Entry<String, Write> entry : candidate.entrySet()) {
            String key = entry.getKey();
            if (!same(thread, entry.getValue(), actual.get(key), actualHashes.get(key))) {
                return false;
            }
        }
        return true;
    }

    private boolean same(int thread, Write expected, byte[] actual, Integer actualHash) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        int hash = hashes.computeIfAbsent(expected, write -> Arrays.hashCode(write.value(thread)));
        return hash == actualHash && Arrays.equals(expected.value(thread), actual);
    }

    /** "tree/key": how the store's entries of a thread are named. */
    static String name(String tree, int key) {
        return tree + "/" + key;
    }

    private static String name(Step step) {
        return name(step.tree(), step.key());
    }

    /** The thread and key index of a store key written by {@link CrashWorkload}, or null for a foreign key. */
    static int[] parseKey(byte[] key) {
        String text = new String(key, StandardCharsets.UTF_8);
        if (!text.matches("t[0-9]-k[0-9]{3}")) {
            return null;
        }
        int thread = text.charAt(1) - '0';
        int index = Integer.parseInt(text.substring(4));
        return thread < CrashWorkload.THREADS && index < CrashWorkload.KEYS_PER_TREE ? new int[] {thread, index} : null;
    }
}
