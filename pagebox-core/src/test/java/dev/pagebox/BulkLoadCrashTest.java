/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.testing.ChildJvm;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during and after bulk loads ({@link BulkLoadWorkload}, a child JVM). Killed while it reads its input, with
 * checkpoints falling in the middle of the load, the tree is empty after recovery, the other tree intact, and the
 * offline check finds no damage and no leaked page. Killed after the load returned, without a checkpoint since, the
 * recovered tree (rebuilt by redo of the one attach record over the pages written before it) is the live tree: the
 * same pages by kind, the same entries and bytes, every entry's value.
 */
class BulkLoadCrashTest {
    @TempDir
    Path temp;

    @Test
    void aLoadKilledMidwayLeavesTheTreeEmptyAndLeaksNoPage() throws Exception {
        killMidway(6, 11);
    }

    @Test
    @Tag("stress")
    void aHundredLoadsKilledMidwayLeaveTheTreeEmptyAndLeakNoPage() throws Exception {
        killMidway(100, 12);
    }

    @Test
    void aLoadKilledAfterItReturnedIsRecoveredWholeFromItsAttachRecord() throws Exception {
        Path directory = temp.resolve("store");
        long seed = 21;
        long count = 30_000;
        String attached;
        try (ChildJvm child = ChildJvm.start(
                BulkLoadWorkload.class, directory.toString(), Long.toString(seed), Long.toString(count), "false")) {
            attached = child.awaitLine("ATTACHED");
            child.kill();
        }
        try (Pagebox store = Pagebox.open(directory, BulkLoadWorkload.options(false))) {
            assertThat(store.recovery().recordsReplayed())
                    .as("redo had the attach record to apply")
                    .isPositive();
            PageboxTree tree = store.tree(BulkLoadWorkload.TREE);
            PageboxTreeStats stats = tree.stats();
            assertThat("ATTACHED " + stats.leafPages() + " " + stats.innerPages() + " " + stats.overflowPages() + " "
                            + stats.entries() + " " + stats.usedBytes())
                    .as("the recovered tree's figures are the live tree's")
                    .isEqualTo(attached);
            long[] next = {0};
            tree.range(null, null, (key, value) -> {
                long i = next[0]++;
                assertThat(key).isEqualTo(BulkLoadWorkload.key(seed, i));
                assertThat(value).isEqualTo(BulkLoadWorkload.value(seed, i));
                return true;
            });
            assertThat(next[0]).isEqualTo(count);
            assertThat(store.tree(BulkLoadWorkload.OTHER).count()).isEqualTo(200);
        }
        VerifyReport report = Pagebox.verify(directory, BulkLoadWorkload.options(false));
        assertThat(report.problems()).isEmpty();
        assertThat(report.leakedPages()).isZero();
    }

    private void killMidway(int cycles, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        long killedWithPages = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            Path directory = temp.resolve("store-" + cycle);
            long childSeed = seed * 1_000 + cycle;
            int progress = 1 + random.nextInt(60); // 500 to 30,000 entries read before the kill
            try (ChildJvm child = ChildJvm.start(
                    BulkLoadWorkload.class, directory.toString(), Long.toString(childSeed), "1000000", "true")) {
                for (int i = 0; i < progress; i++) {
                    assertThat(child.awaitLine("PROGRESS")).isNotNull();
                }
                child.kill();
            }
            try (Pagebox store = Pagebox.open(directory, BulkLoadWorkload.options(true))) {
                assertThat(store.trees()).contains(BulkLoadWorkload.OTHER);
                assertThat(store.tree(BulkLoadWorkload.OTHER).count()).isEqualTo(200);
                if (store.trees().contains(BulkLoadWorkload.TREE)) {
                    assertThat(store.tree(BulkLoadWorkload.TREE).count())
                            .as("cycle %d: the tree after a load killed midway", cycle)
                            .isZero();
                }
                if (progress > 4) {
                    killedWithPages++;
                }
            }
            VerifyReport report = Pagebox.verify(directory, BulkLoadWorkload.options(true));
            assertThat(report.problems()).as("cycle %d", cycle).isEmpty();
            assertThat(report.leakedPages())
                    .as("cycle %d: pages leaked by the load", cycle)
                    .isZero();
        }
        assertThat(killedWithPages).as("kills fell after pages were written").isPositive();
    }
}
