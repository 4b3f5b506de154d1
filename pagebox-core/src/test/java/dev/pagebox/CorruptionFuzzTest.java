/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.testing.ChildJvm;
import dev.pagebox.testing.SmallStores;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Damaged files yield exact data or a {@link PageboxException} naming the file and the position, never a wrong
 * value, a missing or extra key, a hang or a crashed JVM.
 *
 * <p>Two reference stores are built once: one closed cleanly (checkpointed), and one that checkpointed in the
 * middle of its writes and was then closed without a checkpoint, so that its log holds redo work after the
 * checkpoint and bytes before it. Each trial copies one, damages one of its files (flips 1 to 16 bytes, zeroes a
 * 4 KiB block, cuts the file short or appends garbage), and a child JVM opens the copy and reads everything
 * within a time limit ({@link CorruptionTrial}). Trials are seeded: a failure names the seed that repeats it,
 * and every finding is kept in {@link #findings}.
 */
class CorruptionFuzzTest {
    private static final Duration TRIAL_LIMIT = Duration.ofSeconds(90);
    private static final Pattern POSITION = Pattern.compile("(offset|LSN|page) \\d+");

    @TempDir
    static Path references;

    @TempDir
    Path trials;

    enum Variant {
        CLEAN,
        REDO_PENDING
    }

    enum Damage {
        FLIP,
        ZERO_BLOCK,
        TRUNCATE,
        EXTEND
    }

    @BeforeAll
    static void buildReferenceStores() throws IOException {
        for (Variant variant : Variant.values()) {
            build(variant);
        }
    }

    @Test
    void fiftySeededTrialsGiveExactDataOrAClearException() throws Exception {
        run(50, 1);
    }

    @Test
    @Tag("stress")
    void aThousandSeededTrialsGiveExactDataOrAClearException() throws Exception {
        run(1_000, 2);
    }

    /** Trials that once found a forbidden outcome, kept as they are. */
    @ParameterizedTest(name = "{0} {1} {2} seed {3}")
    @CsvSource({"REDO_PENDING, wal, TRUNCATE, 3"})
    void findings(Variant variant, String fileKind, Damage damage, long seed) throws Exception {
        Path store = copy(variant, trials.resolve("finding"));
        Path file = pick(store, fileKind, new SplittableRandom(seed));
        String detail = damage(file, damage, new SplittableRandom(seed));
        String outcome = trial(store, variant);
        assertAllowed(outcome, variant + " " + detail, store);
    }

    private void run(int count, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            Variant variant = Variant.values()[random.nextInt(Variant.values().length)];
            Damage damage = Damage.values()[random.nextInt(Damage.values().length)];
            Path store = copy(variant, trials.resolve("trial-" + i));
            List<Path> files = storeFiles(store);
            Path file = files.get(random.nextInt(files.size()));
            long trialSeed = random.nextLong();
            String detail = damage(file, damage, new SplittableRandom(trialSeed));
            String outcome = trial(store, variant);
            assertAllowed(outcome, "trial " + i + " (seed " + seed + "): " + variant + " " + detail, store);
            outcomes.merge(
                    outcome.split(" ")[0] + (outcome.startsWith("PAGEBOX") ? " " + simpleName(outcome) : ""),
                    1,
                    Integer::sum);
            deleteTree(store);
        }
        System.out.println("corruption trials: " + count + " " + outcomes);
    }

    private static String simpleName(String outcome) {
        String className = outcome.split(" ")[1];
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static void assertAllowed(String outcome, String trial, Path store) {
        assertThat(outcome)
                .as("%s: a damaged store gives exact data or a Pagebox exception", trial)
                .matches(line -> line.equals("EXACT") || line.startsWith("PAGEBOX "));
        if (outcome.startsWith("PAGEBOX ")) {
            assertThat(outcome)
                    .as("%s: the exception names a file of the store and a position", trial)
                    .contains(store.toString())
                    .containsPattern(POSITION);
        }
    }

    private String trial(Path store, Variant variant) throws Exception {
        Path expected = references.resolve(variant + ".expected");
        try (ChildJvm child = ChildJvm.start(CorruptionTrial.class, store.toString(), expected.toString())) {
            String[] line = {null};
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    line[0] = child.readLine();
                } catch (IOException e) {
                    line[0] = "OTHER reading the child's output failed: " + e;
                }
            });
            reader.join(TRIAL_LIMIT.toMillis());
            if (reader.isAlive()) {
                child.kill();
                reader.join();
                return "HANG the child did not finish within " + TRIAL_LIMIT;
            }
            return line[0] == null ? "CRASH the child JVM ended without an outcome" : line[0];
        }
    }

    // ---------------------------------------------------------------- damage

    private static String damage(Path file, Damage damage, SplittableRandom random) throws IOException {
        long size = Files.size(file);
        String name = file.getFileName().toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            switch (damage) {
                case FLIP -> {
                    int flips = 1 + random.nextInt(16);
                    StringBuilder at = new StringBuilder();
                    for (int i = 0; i < flips && size > 0; i++) {
                        long offset = random.nextLong(size);
                        ByteBuffer one = ByteBuffer.allocate(1);
                        channel.read(one, offset);
                        one.put(0, (byte) (one.get(0) ^ (1 + random.nextInt(255))));
                        channel.write(one.rewind(), offset);
                        at.append(' ').append(offset);
                    }
                    return "flipped bytes of " + name + " at" + at;
                }
                case ZERO_BLOCK -> {
                    long offset = size < 4096 ? 0 : random.nextLong(size / 4096) * 4096;
                    channel.write(ByteBuffer.allocate((int) Math.min(4096, size)), offset);
                    return "zeroed 4 KiB of " + name + " at " + offset;
                }
                case TRUNCATE -> {
                    long length = size == 0 ? 0 : random.nextLong(size);
                    channel.truncate(length);
                    return "cut " + name + " to " + length + " of " + size + " bytes";
                }
                case EXTEND -> {
                    byte[] garbage = new byte[1 + random.nextInt(64 << 10)];
                    random.nextBytes(garbage);
                    channel.write(ByteBuffer.wrap(garbage), size);
                    return "appended " + garbage.length + " bytes of garbage to " + name;
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private static Path pick(Path store, String kind, SplittableRandom random) throws IOException {
        List<Path> files = storeFiles(store).stream()
                .filter(path -> kind.equals("wal")
                        ? path.getParent().getFileName().toString().equals("wal")
                        : path.getFileName().toString().startsWith(kind))
                .toList();
        return files.get(random.nextInt(files.size()));
    }

    /** Every file of a store but the lock file, in a stable order. */
    private static List<Path> storeFiles(Path store) throws IOException {
        try (Stream<Path> walk = Files.walk(store)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().equals("pagebox.lock"))
                    .sorted()
                    .toList();
        }
    }

    // ---------------------------------------------------------------- reference stores

    private static PageboxOptions options(Variant variant) {
        return SmallStores.options(64)
                .walSegmentSize(1 << 20)
                .checkpointWalSize(64L << 20)
                .checkpointInterval(Duration.ZERO)
                .checkpointOnClose(variant == Variant.CLEAN)
                .build();
    }

    /**
     * Writes the same workload to each variant: three trees, puts of 10 to 3,000 bytes (some on overflow pages),
     * replacements, deletes and batches; the pending-redo variant checkpoints halfway and closes without one.
     */
    private static void build(Variant variant) throws IOException {
        Path directory = references.resolve(variant.name());
        Map<String, TreeMap<String, byte[]>> expected = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(42);
        try (Pagebox store = Pagebox.open(directory, options(variant))) {
            String[] names = {"alpha", "beta", "gamma"};
            for (String name : names) {
                expected.put(name, new TreeMap<>());
                store.tree(name);
            }
            for (int i = 0; i < 6_000; i++) {
                if (i == 3_000) {
                    store.checkpoint();
                }
                WriteBatch batch = new WriteBatch();
                int steps = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
                for (int s = 0; s < steps; s++) {
                    String name = names[random.nextInt(names.length)];
                    byte[] key = ("key" + random.nextInt(2_000)).getBytes(StandardCharsets.UTF_8);
                    String hex = HexFormat.of().formatHex(key);
                    if (random.nextInt(5) == 0) {
                        batch.delete(store.tree(name), key);
                        expected.get(name).remove(hex);
                    } else {
                        byte[] value = new byte
                                [random.nextInt(30) == 0 ? 1_500 + random.nextInt(1_500) : 10 + random.nextInt(200)];
                        random.nextBytes(value);
                        batch.put(store.tree(name), key, value);
                        expected.get(name).put(hex, value);
                    }
                }
                store.write(batch, CommitMode.NONE);
            }
        }
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(references.resolve(variant + ".expected"))))) {
            out.writeInt(expected.size());
            for (Map.Entry<String, TreeMap<String, byte[]>> tree : expected.entrySet()) {
                out.writeUTF(tree.getKey());
                out.writeInt(tree.getValue().size());
                for (Map.Entry<String, byte[]> entry : tree.getValue().entrySet()) {
                    out.writeUTF(entry.getKey());
                    out.writeInt(entry.getValue().length);
                    out.write(entry.getValue());
                }
            }
        }
    }

    private static Path copy(Variant variant, Path target) throws IOException {
        Path source = references.resolve(variant.name());
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
        return target;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
