/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random moments ({@link CrashWorkload}: six writer threads, platform and virtual, puts of 1 byte to
 * 16 MiB, deletes, batches across trees, explicit and background checkpoints, small log segments). The parent
 * kills the child after a random number of acknowledgements, reopens the store and checks every key of every
 * thread against the journals ({@link CrashModel}): under {@code STRICT} every acknowledged operation is there and
 * the interrupted ones whole or absent; under {@code RELAXED} each thread lost at most a suffix of its operations.
 * Every fourth cycle the next child recovers the crash itself and is killed during or right after recovery. At the
 * end the offline check finds no damage and no leaked page.
 */
class PageboxCrashTest {
    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedStrictWriteSurvivesThirtyKills() throws Exception {
        report("STRICT", run(30, 1, CommitMode.STRICT));
    }

    @Test
    void relaxedWritesLoseOnlyASuffixOverTenKills() throws Exception {
        report("RELAXED", run(10, 3, CommitMode.RELAXED));
    }

    @Test
    @Tag("stress")
    void everyAcknowledgedStrictWriteSurvivesAThousandKills() throws Exception {
        report("STRICT stress", run(1_000, 2, CommitMode.STRICT));
    }

    @Test
    @Tag("stress")
    void relaxedWritesLoseOnlyASuffixOverTwoHundredKills() throws Exception {
        report("RELAXED stress", run(200, 4, CommitMode.RELAXED));
    }

    /** The figures of a run. */
    record Figures(
            int cycles,
            long operations,
            long interrupted,
            long interruptedApplied,
            long lost,
            long recordsReplayed,
            List<Long> dataFileSizes) {}

    private Figures run(int cycles, long seed, CommitMode mode) throws Exception {
        Path directory = temp.resolve("store");
        SplittableRandom random = new SplittableRandom(seed);
        CrashModel model = new CrashModel();
        long operations = 0;
        long interrupted = 0;
        long applied = 0;
        long lost = 0;
        long replayed = 0;
        List<Long> sizes = new ArrayList<>();
        boolean recoveringChild = false;
        for (int cycle = 0; cycle < cycles; cycle++) {
            long childSeed = seed * 100_000 + cycle + 1;
            Path journals = Files.createDirectories(temp.resolve("journals-" + cycle));
            try (ChildJvm child = ChildJvm.start(
                    CrashWorkload.class,
                    directory.toString(),
                    Long.toString(childSeed),
                    journals.toString(),
                    mode.name())) {
                child.awaitLine("OPENING");
                // A child that recovers a crash is killed during or right after recovery, the others after a
                // random number of acknowledgements (0.3 to 3 seconds of work).
                int acknowledgements = recoveringChild ? random.nextInt(30) : 100 + random.nextInt(1_500);
                String line = "";
                for (int i = 0; i < acknowledgements && line != null; i++) {
                    line = child.readLine();
                    assertThat(line == null ? "" : line)
                            .as("cycle %d: the child's writers run", cycle)
                            .doesNotStartWith("FAILED");
                }
                child.kill();
            }
            model.readJournals(journals, childSeed);
            recoveringChild = mode == CommitMode.STRICT && cycle % 4 == 2;
            if (recoveringChild && cycle + 1 < cycles) {
                continue; // the next child recovers this crash itself
            }
            try (Pagebox store = Pagebox.open(directory, CrashWorkload.options(mode))) {
                replayed += store.recovery().recordsReplayed();
                Map<Integer, Map<String, byte[]>> actual = readAll(store, cycle);
                for (int thread = 0; thread < CrashWorkload.THREADS; thread++) {
                    CrashModel.Outcome outcome =
                            model.check(thread, actual.getOrDefault(thread, Map.of()), mode == CommitMode.STRICT);
                    assertThat(outcome)
                            .as("cycle %d, thread %d: the store matches the journal (%s)", cycle, thread, mode)
                            .isNotNull();
                    operations += outcome.operations();
                    interrupted += outcome.interrupted();
                    applied += outcome.interruptedApplied();
                    lost += outcome.lost();
                }
            }
            sizes.add(Files.size(directory.resolve("pagebox.pages")));
        }
        VerifyReport report = Pagebox.verify(directory, CrashWorkload.options(mode));
        assertThat(report.problems()).as("the store after %d kills", cycles).isEmpty();
        assertThat(report.leakedPages()).as("pages leaked by %d kills", cycles).isZero();
        assertThat(replayed).as("recovery had work to do").isPositive();
        assertThat(interrupted).as("kills landed while writes were in flight").isPositive();
        return new Figures(cycles, operations, interrupted, applied, lost, replayed, sizes);
    }

    /** Every entry of every tree, by writer thread; a key no writer owns fails the test. */
    private static Map<Integer, Map<String, byte[]>> readAll(Pagebox store, int cycle) {
        Map<Integer, Map<String, byte[]>> byThread = new HashMap<>();
        for (String name : CrashWorkload.TREES) {
            store.tree(name).range(null, null, (key, value) -> {
                int[] owner = CrashModel.parseKey(key);
                assertThat(owner)
                        .as("cycle %d: key %s in %s belongs to a writer", cycle, new String(key), name)
                        .isNotNull();
                byThread.computeIfAbsent(owner[0], t -> new HashMap<>()).put(CrashModel.name(name, owner[1]), value);
                return true;
            });
        }
        return byThread;
    }

    private static void report(String run, Figures figures) {
        List<Long> sizes = figures.dataFileSizes();
        System.out.printf(
                "crash run %s: %d kills, %d operations checked, %d interrupted (%d applied whole, the rest absent), "
                        + "%d acknowledged operations lost, %d records replayed; data file %d KiB after the first "
                        + "check, at most %d KiB, %d KiB at the end%n",
                run,
                figures.cycles(),
                figures.operations(),
                figures.interrupted(),
                figures.interruptedApplied(),
                figures.lost(),
                figures.recordsReplayed(),
                sizes.getFirst() >> 10,
                sizes.stream().mapToLong(Long::longValue).max().orElse(0) >> 10,
                sizes.getLast() >> 10);
    }
}
