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
    Path temp;

    private Path directory;

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
        directory = temp.resolve("store");
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Map<Integer, Long>> model = new HashMap<>();
        for (String tree : CrashWorkload.TREES) {
            model.put(tree, new HashMap<>());
        }
        long replayed = 0;
        int interrupted = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            String[] inFlight = null;
            Path journal = temp.resolve("journal-" + cycle);
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
                    // The interrupted operation (a batch of one or more steps) happened entirely or not at all.
                    boolean all = true;
                    boolean none = true;
                    Map<String, String[]> lastStepPerKey = new java.util.LinkedHashMap<>();
                    for (int i = 1; i + 2 < inFlight.length; i += 3) {
                        lastStepPerKey.put(
                                inFlight[i] + "/" + inFlight[i + 1],
                                new String[] {inFlight[i], inFlight[i + 1], inFlight[i + 2]});
                    }
                    for (String[] step : lastStepPerKey.values()) {
                        int key = Integer.parseInt(step[1]);
                        byte[] value = store.tree(step[0]).get(CrashWorkload.key(key));
                        Long before = model.get(step[0]).get(key);
                        all &= step[2].equals("-")
                                ? value == null
                                : Arrays.equals(value, CrashWorkload.value(Long.parseLong(step[2])));
                        none &= before == null ? value == null : Arrays.equals(value, CrashWorkload.value(before));
                    }
                    assertThat(all || none)
                            .as(
                                    "cycle %d: the interrupted batch %s is applied entirely or not at all",
                                    cycle, String.join(" ", inFlight))
                            .isTrue();
                    if (all) {
                        apply(model, inFlight);
                    }
                }
                for (String tree : CrashWorkload.TREES) {
                    checkTree(store, tree, model.get(tree), cycle);
                }
            }
        }
        VerifyReport report = Pagebox.verify(directory, CrashWorkload.PageCrashOptions.options());
        assertThat(report.problems()).as("the store after %d kills", cycles).isEmpty();
        assertThat(report.entries())
                .isEqualTo(model.values().stream().mapToLong(Map::size).sum());
        assertThat(replayed).as("recovery had work to do").isPositive();
        assertThat(interrupted).as("kills landed while a write was in flight").isPositive();
    }

    private static void apply(Map<String, Map<Integer, Long>> model, String[] operation) {
        for (int i = 1; i + 2 < operation.length; i += 3) {
            Map<Integer, Long> tree = model.get(operation[i]);
            int key = Integer.parseInt(operation[i + 1]);
            if (operation[i + 2].equals("-")) {
                tree.remove(key);
            } else {
                tree.put(key, Long.parseLong(operation[i + 2]));
            }
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
