/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pagebox.CpuPinning;
import dev.pagebox.Pagebox;
import dev.pagebox.internal.nativeio.CpuSet;
import dev.pagebox.internal.nativeio.CpuTopology;
import dev.pagebox.internal.nativeio.NativeIo;
import dev.pagebox.testing.SmallStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundThreadsTest {
    private static final Path TASKS = Path.of("/proc/self/task");

    /** Thread names as the kernel keeps them: the first 15 bytes. */
    private static final List<String> BACKGROUND = List.of("pagebox-wal-flu", "pagebox-page-pr", "pagebox-checkpo");

    @TempDir
    Path directory;

    @Test
    void aStoreWithACpuListPinsItsThreeBackgroundThreadsToIt() throws IOException {
        assumeTrue(NativeIo.system().isNative() && Files.isDirectory(TASKS), "needs Linux and native access");
        Set<String> before = taskIds();
        try (Pagebox store = Pagebox.open(
                directory,
                SmallStores.options(16).backgroundPinning(CpuPinning.cpus("0")).build())) {
            store.tree("t").put(new byte[] {1}, new byte[] {2});
            // Each thread names and pins itself as it starts, which may be just after open returns.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, String> affinity = backgroundThreadAffinity(before);
                assertThat(affinity.keySet()).containsExactlyInAnyOrderElementsOf(BACKGROUND);
                assertThat(affinity.values()).containsOnly("0");
            });
        }
    }

    @Test
    void aStoreWithoutPinningLeavesItsThreadsOnEveryCpu() throws IOException {
        assumeTrue(NativeIo.system().isNative() && Files.isDirectory(TASKS), "needs Linux and native access");
        Set<String> before = taskIds();
        String everyCpu = Files.readString(
                        TASKS.resolve(Long.toString(ProcessHandle.current().pid()))
                                .resolve("status"))
                .lines()
                .filter(line -> line.startsWith("Cpus_allowed_list:"))
                .findFirst()
                .orElseThrow()
                .substring("Cpus_allowed_list:".length())
                .strip();
        try (Pagebox store = Pagebox.open(directory, SmallStores.options(16).build())) {
            assertThat(store.isHealthy()).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, String> affinity = backgroundThreadAffinity(before);
                assertThat(affinity.keySet()).containsExactlyInAnyOrderElementsOf(BACKGROUND);
                assertThat(affinity.values()).containsOnly(everyCpu);
            });
        }
    }

    @Test
    void autoPicksTheLastCoresThreadsAndNothingOnASingleCore() {
        CpuTopology twoCores = new CpuTopology(
                List.of(
                        new CpuTopology.Cpu(0, 0, 0, CpuSet.of(0, 2), 0),
                        new CpuTopology.Cpu(1, 0, 1, CpuSet.of(1, 3), 0),
                        new CpuTopology.Cpu(2, 0, 0, CpuSet.of(0, 2), 0),
                        new CpuTopology.Cpu(3, 0, 1, CpuSet.of(1, 3), 0)),
                List.of(new CpuTopology.NumaNode(0, CpuSet.of(0, 1, 2, 3))));
        assertThat(BackgroundThreads.cpus(CpuPinning.AUTO, () -> twoCores)).isEqualTo(CpuSet.of(1, 3));
        CpuTopology oneCore = new CpuTopology(
                List.of(new CpuTopology.Cpu(0, 0, 0, CpuSet.of(0), 0)),
                List.of(new CpuTopology.NumaNode(0, CpuSet.of(0))));
        assertThat(BackgroundThreads.cpus(CpuPinning.AUTO, () -> oneCore)).isNull();
        assertThat(BackgroundThreads.cpus(CpuPinning.OFF, () -> twoCores)).isNull();
        assertThat(BackgroundThreads.cpus(CpuPinning.cpus("2-3"), () -> twoCores))
                .isEqualTo(CpuSet.of(2, 3));
    }

    /** The background threads started since {@code before}: kernel name to allowed CPU list. */
    private static Map<String, String> backgroundThreadAffinity(Set<String> before) throws IOException {
        Map<String, String> affinity = new HashMap<>();
        for (String task : taskIds()) {
            if (before.contains(task)) {
                continue;
            }
            Path dir = TASKS.resolve(task);
            String name;
            String allowed;
            try {
                name = Files.readString(dir.resolve("comm")).strip();
                allowed = Files.readString(dir.resolve("status"))
                        .lines()
                        .filter(line -> line.startsWith("Cpus_allowed_list:"))
                        .findFirst()
                        .orElseThrow()
                        .substring("Cpus_allowed_list:".length())
                        .strip();
            } catch (IOException e) {
                continue; // the thread ended meanwhile
            }
            if (BACKGROUND.contains(name)) {
                assertThat(affinity.put(name, allowed))
                        .as("one thread named " + name)
                        .isNull();
            }
        }
        return affinity;
    }

    private static Set<String> taskIds() throws IOException {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return new HashSet<>(tasks.map(p -> p.getFileName().toString()).toList());
        }
    }
}
