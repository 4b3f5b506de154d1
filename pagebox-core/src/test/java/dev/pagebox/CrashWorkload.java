/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import dev.pagebox.testing.SmallStores;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The child process of {@link PageboxCrashTest}: six writer threads (three platform, three virtual), each on keys
 * of its own in three trees, make puts of 1 byte to 1 MiB (thread 0 now and then 16 MiB), deletes and atomic batches
 * of 2 to 6 steps across the trees, in one commit mode, and one thread checkpoints now and then; background
 * checkpoints run every 8 MiB of log or 2 s, with 2 MiB log segments, an 8 MiB pool and 4 KiB pages.
 *
 * <p>Each thread journals every operation to a file of its own before it starts ({@code B seq} and its steps) and
 * once it returned ({@code A seq}), one unbuffered write per line (a killed process's writes stay in the page
 * cache), and prints {@code A} to standard output for each acknowledgement, so the parent can kill it after a
 * random number of them. Values are derived from the operation's stamp, so the journal names them in a few bytes.
 */
public final class CrashWorkload {
    static final String[] TREES = {"alpha", "beta", "gamma"};
    static final int THREADS = 6;
    static final int KEYS_PER_TREE = 100;

    private CrashWorkload() {}

    /**
     * Runs until killed.
     *
     * @param args the store directory, the run's seed, the journal directory and the commit mode
     */
    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        Path journals = Path.of(args[2]);
        CommitMode mode = CommitMode.valueOf(args[3]);
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            // A writer that dies would weaken the test without failing it: tell the parent, then stop.
            failure.printStackTrace();
            System.out.println("FAILED " + thread.getName() + ": " + failure);
            System.out.flush();
            Runtime.getRuntime().halt(3);
        });
        System.out.println("OPENING");
        System.out.flush();
        try (Pagebox store = Pagebox.open(directory, options(mode))) {
            for (String tree : TREES) {
                store.tree(tree);
            }
            System.out.println("READY");
            System.out.flush();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Runnable writer = () -> write(store, thread, seed, journals.resolve("journal-" + thread));
                threads.add(
                        t % 2 == 0
                                ? Thread.ofPlatform().start(writer)
                                : Thread.ofVirtual().start(writer));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    /** The options of the child and of the checking parent. */
    static PageboxOptions options(CommitMode mode) {
        return SmallStores.options(2048)
                .commitMode(mode)
                .walSegmentSize(2 << 20)
                .walBufferSize(2 << 20)
                .checkpointWalSize(8 << 20)
                .checkpointInterval(Duration.ofSeconds(2))
                .build();
    }

    private static void write(Pagebox store, int thread, long seed, Path journal) {
        SplittableRandom random = new SplittableRandom(seed * 31 + thread);
        try (FileOutputStream out = new FileOutputStream(journal.toFile(), true)) {
            for (int sequence = 0; ; sequence++) {
                if (thread == 5 && random.nextInt(60) == 0) {
                    store.checkpoint();
                }
                long stamp = stamp(seed, thread, sequence);
                int kind = random.nextInt(100);
                int steps = kind < 25 ? 2 + random.nextInt(5) : 1;
                StringBuilder line = new StringBuilder("B ").append(sequence);
                WriteBatch batch = new WriteBatch();
                for (int step = 0; step < steps; step++) {
                    String tree = TREES[random.nextInt(TREES.length)];
                    int key = random.nextInt(KEYS_PER_TREE);
                    boolean delete = kind >= 25 && kind < 40 || steps > 1 && random.nextInt(4) == 0;
                    line.append(' ')
                            .append(tree)
                            .append(' ')
                            .append(key)
                            .append(' ')
                            .append(delete ? "-" : "+");
                    if (delete) {
                        batch.delete(store.tree(tree), key(thread, key));
                    } else {
                        batch.put(store.tree(tree), key(thread, key), value(stamp, step, thread, true));
                    }
                }
                writeLine(out, line.toString());
                if (steps == 1) {
                    String[] step = line.toString().split(" ");
                    PageboxTree tree = store.tree(step[2]);
                    byte[] key = key(thread, Integer.parseInt(step[3]));
                    if (step[4].equals("-")) {
                        tree.delete(key);
                    } else {
                        tree.put(key, value(stamp, 0, thread, false));
                    }
                } else {
                    store.write(batch);
                }
                writeLine(out, "A " + sequence);
                synchronized (System.out) {
                    System.out.println("A");
                    System.out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLine(FileOutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A stamp unique to one operation of one thread of one run. */
    static long stamp(long seed, int thread, int sequence) {
        return (seed << 32) | ((long) thread << 24) | sequence;
    }

    static byte[] key(int thread, int key) {
        return String.format("t%d-k%03d", thread, key).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value a step puts: 1 byte to 1 MiB, mostly small; thread 0 also puts 16 MiB now and then. Values longer
     * than a quarter page live on overflow pages. A batch is one log record of at most an eighth of a segment
     * (256 KiB here), so its values stay below 40 KiB.
     */
    static byte[] value(long stamp, int step, int thread, boolean inBatch) {
        SplittableRandom random = new SplittableRandom(stamp * 7 + step);
        int size = random.nextInt(inBatch ? 985 : 1000);
        int length;
        if (inBatch && size >= 900) {
            length = 2_000 + random.nextInt(38_000);
        } else if (thread == 0 && size == 0 && !inBatch) {
            length = 16 << 20;
        } else if (size < 600) {
            length = 1 + random.nextInt(100);
        } else if (size < 900) {
            length = 100 + random.nextInt(2_000);
        } else if (size < 985) {
            length = 2_000 + random.nextInt(62_000);
        } else {
            length = 64_000 + random.nextInt(1 << 20);
        }
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }
}
