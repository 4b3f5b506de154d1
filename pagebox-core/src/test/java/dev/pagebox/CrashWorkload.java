/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import dev.pagebox.testing.SmallStores;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The child process of {@link PageboxCrashTest}: STRICT puts, deletes and atomic batches over three trees,
 * announcing each operation before it starts ({@code B tree key stamp-or-dash ...}) and acknowledging it once it
 * returned ({@code A}), until killed. The
 * journal goes to a file with one unbuffered write per line (a killed process's writes stay in the page cache),
 * and progress to standard output.
 */
public final class CrashWorkload {
    static final String[] TREES = {"alpha", "beta", "gamma"};
    static final int KEYS = 3_000;

    private CrashWorkload() {}

    public static void main(String[] args) throws java.io.IOException {
        Path directory = Path.of(args[0]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[1]));
        PrintStream out = System.out;
        try (Pagebox store = Pagebox.open(directory, PageCrashOptions.options());
                java.io.FileOutputStream journal = new java.io.FileOutputStream(args[2])) {
            out.println("READY");
            out.flush();
            for (long sequence = 0; ; sequence++) {
                long stamp = Long.parseLong(args[1]) * 1_000_000_000L + sequence;
                int steps = random.nextInt(3) == 0 ? 2 + random.nextInt(5) : 1;
                StringBuilder line = new StringBuilder("B");
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < steps; i++) {
                    String tree = TREES[random.nextInt(TREES.length)];
                    int key = random.nextInt(KEYS);
                    boolean delete = random.nextInt(4) == 0;
                    line.append(' ')
                            .append(tree)
                            .append(' ')
                            .append(key)
                            .append(' ')
                            .append(delete ? "-" : stamp);
                    if (delete) {
                        batch.delete(store.tree(tree), key(key));
                    } else {
                        batch.put(store.tree(tree), key(key), value(stamp));
                    }
                }
                write(journal, line.toString());
                if (steps == 1) {
                    String[] step = line.toString().split(" ");
                    if (step[3].equals("-")) {
                        store.tree(step[1]).delete(key(Integer.parseInt(step[2])));
                    } else {
                        store.tree(step[1]).put(key(Integer.parseInt(step[2])), value(stamp));
                    }
                } else {
                    store.write(batch);
                }
                write(journal, "A");
                out.println("A");
                out.flush();
            }
        }
    }

    private static void write(java.io.FileOutputStream journal, String line) throws java.io.IOException {
        journal.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static byte[] key(int key) {
        return String.format("k%06d", key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A value of 10 to 3,000 bytes that names its stamp (some go to overflow pages at 4 KiB pages). */
    static byte[] value(long stamp) {
        SplittableRandom random = new SplittableRandom(stamp);
        byte[] value = new byte[random.nextInt(20) == 0 ? 1_500 + random.nextInt(1_500) : 10 + random.nextInt(100)];
        random.nextBytes(value);
        java.nio.ByteBuffer.wrap(value).putLong(0, stamp);
        return value;
    }

    /** Options shared by the child and the checking parent. */
    static final class PageCrashOptions {
        private PageCrashOptions() {}

        static PageboxOptions options() {
            return SmallStores.options(64).build();
        }
    }
}
