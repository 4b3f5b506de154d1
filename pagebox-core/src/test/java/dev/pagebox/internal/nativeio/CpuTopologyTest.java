/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CpuTopologyTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void detectsThisMachine() {
        CpuTopology topology = CpuTopology.detect();
        assertThat(topology.cpus()).hasSize(Runtime.getRuntime().availableProcessors());
        assertThat(topology.physicalCores()).isBetween(1, topology.cpus().size());
        assertThat(topology.numaNodes()).isNotEmpty();
        for (CpuTopology.Cpu cpu : topology.cpus()) {
            assertThat(cpu.siblings().contains(cpu.number())).isTrue();
        }
    }

    /** Two sockets, two cores each, two hyper-threads per core, one NUMA node per socket, CPU 7 offline. */
    @Test
    void readsCoresSiblingsAndNodesFromSysfs(@TempDir Path sysfs) throws IOException {
        Path cpuDir = sysfs.resolve("cpu");
        write(cpuDir.resolve("online"), "0-6\n");
        int[][] layout = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0, 0}, {0, 1}, {1, 0}, {1, 1}}; // package, core
        for (int cpu = 0; cpu < 8; cpu++) {
            Path topology = cpuDir.resolve("cpu" + cpu + "/topology");
            write(topology.resolve("physical_package_id"), layout[cpu][0] + "\n");
            write(topology.resolve("core_id"), layout[cpu][1] + "\n");
            int sibling = cpu < 4 ? cpu + 4 : cpu - 4;
            write(topology.resolve("thread_siblings_list"), Math.min(cpu, sibling) + "," + Math.max(cpu, sibling));
        }
        Path nodes = sysfs.resolve("node");
        write(nodes.resolve("node0/cpulist"), "0-1,4-5\n");
        write(nodes.resolve("node1/cpulist"), "2-3,6-7\n");

        CpuTopology topology = CpuTopology.read(sysfs);

        assertThat(topology.onlineCpus()).isEqualTo(CpuSet.parse("0-6"));
        assertThat(topology.cpus()).hasSize(7);
        assertThat(topology.physicalCores()).isEqualTo(4);
        assertThat(topology.onePerCore()).extracting(CpuTopology.Cpu::number).containsExactly(0, 1, 2, 3);
        assertThat(topology.cpus().get(5).siblings()).isEqualTo(CpuSet.of(1, 5));
        assertThat(topology.cpus().get(6).numaNode()).isEqualTo(1);
        assertThat(topology.numaNodes())
                .extracting(CpuTopology.NumaNode::cpus)
                .containsExactly(CpuSet.parse("0-1,4-5"), CpuSet.parse("2-3,6"));
    }

    @Test
    void withoutNumaInformationEverythingIsNodeZero(@TempDir Path sysfs) throws IOException {
        Path cpuDir = sysfs.resolve("cpu");
        write(cpuDir.resolve("online"), "0-1");
        for (int cpu = 0; cpu < 2; cpu++) {
            Path topology = cpuDir.resolve("cpu" + cpu + "/topology");
            write(topology.resolve("physical_package_id"), "0");
            write(topology.resolve("core_id"), String.valueOf(cpu));
            write(topology.resolve("thread_siblings_list"), String.valueOf(cpu));
        }
        CpuTopology topology = CpuTopology.read(sysfs);
        assertThat(topology.numaNodes()).singleElement().satisfies(node -> {
            assertThat(node.number()).isZero();
            assertThat(node.cpus()).isEqualTo(CpuSet.of(0, 1));
        });
    }

    @Test
    void cpuListsRoundTrip() {
        CpuSet set = CpuSet.parse("0-3,8,10-11");
        assertThat(set.size()).isEqualTo(7);
        assertThat(set.contains(9)).isFalse();
        assertThat(set).hasToString("0-3,8,10-11");
        assertThat(CpuSet.parse(set.toString())).isEqualTo(set);
        assertThat(CpuSet.parse(" ").isEmpty()).isTrue();
        assertThatThrownBy(() -> CpuSet.parse("3-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuSet.parse("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuSet.of(100_000)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
