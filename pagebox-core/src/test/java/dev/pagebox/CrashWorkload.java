/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The child process of {@link PageboxCrashTest}: STRICT puts and deletes over three trees, announcing each
 * operation before it starts ({@code B}) and acknowledging it once it returned ({@code A}), until killed. The
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
                String tree = TREES[random.nextInt(TREES.length)];
                int key = random.nextInt(KEYS);
                boolean delete = random.nextInt(4) == 0;
                long stamp = Long.parseLong(args[1]) * 1_000_000_000L + sequence;
                write(journal, "B " + tree + " " + key + " " + (delete ? "-" : Long.toString(stamp)));
                if (delete) {
                    store.tree(tree).delete(key(key));
                } else {
                    store.tree(tree).put(key(key), value(stamp));
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
            return PageboxOptions.builder()
                    .pageSize(4096)
                    .poolSize(64 * 4096)
                    .walSegmentSize(1 << 20)
                    .walBufferSize(1 << 20)
                    .checkpointWalSize(1 << 20)
                    .build();
        }
    }
}
