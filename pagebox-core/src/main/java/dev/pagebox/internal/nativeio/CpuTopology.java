/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The machine's CPUs as Linux describes them under {@code /sys/devices/system}: which logical CPUs are
 * online, which share a physical core (SMT siblings) and which NUMA node each belongs to. Used to place
 * background threads, e.g. one per physical core and away from the SMT sibling of a busy thread.
 *
 * @param cpus the online logical CPUs, ascending by number
 * @param numaNodes the NUMA nodes with at least one online CPU, ascending by number
 */
public record CpuTopology(List<Cpu> cpus, List<NumaNode> numaNodes) {

    /**
     * One online logical CPU.
     *
     * @param number the CPU number as used by {@code sched_setaffinity}
     * @param packageId the physical package (socket)
     * @param coreId the core within the package
     * @param siblings the logical CPUs on the same physical core, this one included
     * @param numaNode the NUMA node, 0 where the machine has none
     */
    public record Cpu(int number, int packageId, int coreId, CpuSet siblings, int numaNode) {}

    /**
     * A NUMA node.
     *
     * @param number the node number
     * @param cpus its online CPUs
     */
    public record NumaNode(int number, CpuSet cpus) {}

    /** Creates a topology; the lists are copied. */
    public CpuTopology {
        cpus = List.copyOf(cpus);
        numaNodes = List.copyOf(numaNodes);
    }

    /**
     * Reads this machine's topology from {@code /sys}, or describes {@link Runtime#availableProcessors()}
     * independent CPUs on one node where sysfs is missing.
     *
     * @return the topology
     */
    public static CpuTopology detect() {
        Path sysfs = Path.of("/sys/devices/system");
        if (Files.isReadable(sysfs.resolve("cpu/online"))) {
            return read(sysfs);
        }
        return uniform(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads a topology from a sysfs-shaped directory ({@code cpu/online}, {@code cpu/cpuN/topology/*},
     * {@code node/nodeN/cpulist}).
     *
     * @param sysfs the directory that plays {@code /sys/devices/system}
     * @return the topology
     * @throws UncheckedIOException if a required file cannot be read
     */
    public static CpuTopology read(Path sysfs) {
        CpuSet online = CpuSet.parse(readText(sysfs.resolve("cpu/online")));
        Map<Integer, CpuSet> nodes = readNodes(sysfs.resolve("node"), online);
        List<Cpu> cpus = new ArrayList<>();
        online.stream().forEach(number -> {
            Path topology = sysfs.resolve("cpu/cpu" + number + "/topology");
            int packageId = readInt(topology.resolve("physical_package_id")).orElse(0);
            int coreId = readInt(topology.resolve("core_id")).orElse(number);
            CpuSet siblings = readOptional(topology.resolve("thread_siblings_list"))
                    .map(CpuSet::parse)
                    .orElse(CpuSet.of(number));
            int node = nodes.entrySet().stream()
                    .filter(entry -> entry.getValue().contains(number))
                    .mapToInt(Map.Entry::getKey)
                    .findFirst()
                    .orElse(0);
            cpus.add(new Cpu(number, packageId, coreId, siblings, node));
        });
        List<NumaNode> numaNodes = new ArrayList<>();
        if (nodes.isEmpty()) {
            numaNodes.add(new NumaNode(0, online));
        } else {
            nodes.forEach((number, nodeCpus) -> numaNodes.add(new NumaNode(number, nodeCpus)));
        }
        return new CpuTopology(cpus, numaNodes);
    }

    static CpuTopology uniform(int count) {
        List<Cpu> cpus = new ArrayList<>();
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            cpus.add(new Cpu(i, 0, i, CpuSet.of(i), 0));
            all[i] = i;
        }
        return new CpuTopology(cpus, List.of(new NumaNode(0, CpuSet.of(all))));
    }

    private static Map<Integer, CpuSet> readNodes(Path nodeDirectory, CpuSet online) {
        Map<Integer, CpuSet> nodes = new TreeMap<>();
        if (!Files.isDirectory(nodeDirectory)) {
            return nodes;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(nodeDirectory, "node[0-9]*")) {
            for (Path entry : entries) {
                int number = Integer.parseInt(entry.getFileName().toString().substring("node".length()));
                CpuSet nodeCpus = readOptional(entry.resolve("cpulist"))
                        .map(CpuSet::parse)
                        .orElse(CpuSet.of());
                int[] onlineCpus = nodeCpus.stream().filter(online::contains).toArray();
                if (onlineCpus.length > 0) {
                    nodes.put(number, CpuSet.of(onlineCpus));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list NUMA nodes in " + nodeDirectory, e);
        }
        return nodes;
    }

    /**
     * Returns one logical CPU per physical core, the lowest-numbered sibling of each.
     *
     * @return the CPUs, ascending
     */
    public List<Cpu> onePerCore() {
        CpuSet online = onlineCpus();
        return cpus.stream()
                .filter(cpu -> cpu.siblings().stream()
                                .filter(online::contains)
                                .findFirst()
                                .orElse(cpu.number())
                        == cpu.number())
                .toList();
    }

    /**
     * Returns the number of physical cores (distinct SMT sibling sets).
     *
     * @return the core count
     */
    public int physicalCores() {
        return onePerCore().size();
    }

    /**
     * Returns all online CPUs as a set.
     *
     * @return the online CPUs
     */
    public CpuSet onlineCpus() {
        return CpuSet.of(cpus.stream().mapToInt(Cpu::number).toArray());
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Optional<String> readOptional(Path file) {
        return Files.isReadable(file) ? Optional.of(readText(file)) : Optional.empty();
    }

    private static Optional<Integer> readInt(Path file) {
        return readOptional(file).map(Integer::parseInt);
    }
}
