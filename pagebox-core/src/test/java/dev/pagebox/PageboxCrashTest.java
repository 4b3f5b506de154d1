/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.testing.ChildJvm;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random moments: a child JVM makes STRICT writes and prints each acknowledgement; the parent kills
 * it, reopens the store, and checks that every acknowledged write is there (the one write in flight at the kill
 * may have happened or not), that the trees hold nothing else, and that the next child can go on.
 */
class PageboxCrashTest {
    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedWriteSurvivesThirtyKills() throws Exception {
        run(30, 1);
    }

    @Test
    @Tag("stress")
    void everyAcknowledgedWriteSurvivesTwoHundredKills() throws Exception {
        run(200, 2);
    }

    private void run(int cycles, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Map<Integer, Long>> model = new HashMap<>();
        for (String tree : CrashWorkload.TREES) {
            model.put(tree, new HashMap<>());
        }
        long replayed = 0;
        int interrupted = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            String[] inFlight = null;
            Path journal = directory.resolveSibling("journal-" + cycle);
            try (ChildJvm child = ChildJvm.start(
                    CrashWorkload.class, directory.toString(), Long.toString(cycle + 1), journal.toString())) {
                child.awaitLine("READY");
                int acknowledgements = 5 + random.nextInt(120);
                for (int i = 0; i < acknowledgements && child.readLine() != null; i++) {
                    // let the child run until it acknowledged this many writes, then kill it mid-flight
                }
                child.kill();
            }
            for (String line : java.nio.file.Files.readAllLines(journal)) {
                if (line.startsWith("B ")) {
                    inFlight = line.split(" ");
                } else if (line.equals("A") && inFlight != null) {
                    apply(model, inFlight);
                    inFlight = null;
                }
            }
            try (Pagebox store = Pagebox.open(directory, CrashWorkload.PageCrashOptions.options())) {
                replayed += store.recovery().recordsReplayed();
                if (inFlight != null) {
                    interrupted++;
                    // Either outcome is right for the write the kill interrupted; adopt what the store has.
                    String tree = inFlight[1];
                    int key = Integer.parseInt(inFlight[2]);
                    byte[] value = store.tree(tree).get(CrashWorkload.key(key));
                    boolean applied = inFlight[3].equals("-")
                            ? value == null
                            : value != null && Arrays.equals(value, CrashWorkload.value(Long.parseLong(inFlight[3])));
                    Long before = model.get(tree).get(key);
                    boolean unchanged = before == null
                            ? value == null
                            : value != null && Arrays.equals(value, CrashWorkload.value(before));
                    assertThat(applied || unchanged)
                            .as(
                                    "cycle %d: the interrupted write left %s/%d either as before or as written",
                                    cycle, tree, key)
                            .isTrue();
                    if (applied) {
                        apply(model, inFlight);
                    }
                }
                for (String tree : CrashWorkload.TREES) {
                    checkTree(store, tree, model.get(tree), cycle);
                }
            }
        }
        assertThat(replayed).as("recovery had work to do").isPositive();
        assertThat(interrupted).as("kills landed while a write was in flight").isPositive();
    }

    private static void apply(Map<String, Map<Integer, Long>> model, String[] operation) {
        Map<Integer, Long> tree = model.get(operation[1]);
        int key = Integer.parseInt(operation[2]);
        if (operation[3].equals("-")) {
            tree.remove(key);
        } else {
            tree.put(key, Long.parseLong(operation[3]));
        }
    }

    private static void checkTree(Pagebox store, String name, Map<Integer, Long> expected, int cycle) {
        PageboxTree tree = store.tree(name);
        for (Map.Entry<Integer, Long> entry : expected.entrySet()) {
            assertThat(tree.get(CrashWorkload.key(entry.getKey())))
                    .as("cycle %d: acknowledged write of %s/%d", cycle, name, entry.getKey())
                    .isEqualTo(CrashWorkload.value(entry.getValue()));
        }
        int[] count = {0};
        tree.range(null, null, (key, value) -> {
            count[0]++;
            return true;
        });
        assertThat(count[0]).as("cycle %d: entries of %s", cycle, name).isEqualTo(expected.size());
    }
}
