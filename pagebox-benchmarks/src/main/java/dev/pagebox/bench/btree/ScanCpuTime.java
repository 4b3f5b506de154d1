/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.btree;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxCursor;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxTree;
import dev.pagebox.WriteBatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * The CPU time one 50-entry scan costs the thread that runs it, for a machine too busy for wall-clock figures:
 * the same store and skip list as {@link BTreeScanBenchmark} (one million records, 8-byte keys, 100-byte values,
 * all resident), each form run in rounds of {@code scans} scans from random existing keys, the forms taking turns
 * round by round, each round timed with {@link ThreadMXBean#getCurrentThreadCpuTime()} (the thread's own CPU time:
 * time spent waiting for a core, JIT and GC threads and other processes do not count). Prints the median and
 * range over the measured rounds.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.pagebox.bench.btree.ScanCpuTime FORMS [ROUNDS] [SCANS]}, FORMS a
 * comma list of {@code range} (copies), {@code cursor} (a {@code PageboxCursor}'s views), {@code scan} (the
 * zero-copy {@code PageboxTree.scan}, absent before it existed; its code lives in {@link Views}, loaded only when
 * asked for, so this class also runs against older jars), {@code skiplist}. The first third of the rounds warm up.
 */
public final class ScanCpuTime {
    private static final int SCAN_LENGTH = 50;
    private static final int RECORDS = 1_000_000;

    private static int remaining;
    private static long sink;

    private ScanCpuTime() {}

    /** One scan form: runs one scan from a key. */
    @FunctionalInterface
    interface Form {
        void scan(byte[] from);
    }

    public static void main(String[] args) throws IOException {
        String[] forms = args[0].split(",");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int scans = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        Dataset data = new Dataset(RECORDS);
        Path directory = Files.createTempDirectory("pagebox-scan-cpu");
        try (Pagebox store = Pagebox.open(
                directory,
                PageboxOptions.builder()
                        .poolSize(4 * data.rawBytes())
                        .commitMode(CommitMode.NONE)
                        .build())) {
            PageboxTree tree = store.tree("bench");
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < RECORDS; i++) {
                batch.put(tree, data.key(i), data.value(i));
                if (batch.size() == 1000 || i == RECORDS - 1) {
                    store.write(batch);
                    batch = new WriteBatch();
                }
            }
            store.checkpoint();
            ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
            Form[] chosen = new Form[forms.length];
            for (int f = 0; f < forms.length; f++) {
                chosen[f] = switch (forms[f]) {
                    case "range" ->
                        from -> {
                            remaining = SCAN_LENGTH;
                            tree.range(from, null, (key, value) -> {
                                sink += key[0] + value[0];
                                return --remaining > 0;
                            });
                        };
                    case "cursor" ->
                        from -> {
                            PageboxCursor cursor = tree.cursor();
                            int left = SCAN_LENGTH;
                            for (boolean on = cursor.seek(from); on && left-- > 0; on = cursor.next()) {
                                ByteBuffer key = cursor.keyBuffer();
                                ByteBuffer value = cursor.valueBuffer();
                                sink += key.get(key.position()) + value.get(value.position());
                            }
                        };
                    case "scan" -> Views.form(tree);
                    case "skiplist" -> {
                        if (map.isEmpty()) {
                            for (int i = 0; i < RECORDS; i++) {
                                map.put(data.key(i).clone(), data.value(i));
                            }
                        }
                        yield from -> {
                            int left = SCAN_LENGTH;
                            for (Map.Entry<byte[], byte[]> entry :
                                    map.tailMap(from, true).entrySet()) {
                                if (left-- == 0) {
                                    break;
                                }
                                sink += entry.getKey()[0] + entry.getValue()[0];
                            }
                        };
                    }
                    default -> throw new IllegalArgumentException("unknown form " + forms[f]);
                };
            }
            measure(forms, chosen, rounds, scans, data);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void measure(String[] names, Form[] forms, int rounds, int scans, Dataset data) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<List<Double>> cpu = new ArrayList<>();
        List<List<Double>> wall = new ArrayList<>();
        for (int f = 0; f < forms.length; f++) {
            cpu.add(new ArrayList<>());
            wall.add(new ArrayList<>());
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < rounds; round++) {
            for (int f = 0; f < forms.length; f++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                for (int i = 0; i < scans; i++) {
                    forms[f].scan(data.key(random.nextInt(RECORDS)));
                }
                double cpuPerScan = (threads.getCurrentThreadCpuTime() - cpuStart) / (double) scans;
                double wallPerScan = (System.nanoTime() - wallStart) / (double) scans;
                if (round >= rounds / 3) {
                    cpu.get(f).add(cpuPerScan);
                    wall.get(f).add(wallPerScan);
                }
            }
        }
        System.out.printf("%-9s %28s %28s%n", "form", "CPU ns/scan median (range)", "wall ns/scan median (range)");
        for (int f = 0; f < forms.length; f++) {
            System.out.printf("%-9s %28s %28s%n", names[f], summary(cpu.get(f)), summary(wall.get(f)));
        }
        System.out.println("(sink " + sink + ")");
    }

    private static String summary(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format("%,.0f (%,.0f-%,.0f)", sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast());
    }

    /** The zero-copy form, in its own class so that older jars without {@code PageboxTree.scan} can run the rest. */
    static final class Views {
        private Views() {}

        static Form form(PageboxTree tree) {
            return from -> {
                remaining = SCAN_LENGTH;
                tree.scan(from, null, (key, value) -> {
                    sink += key.get(key.position()) + value.get(value.position());
                    return --remaining > 0;
                });
            };
        }
    }
}
