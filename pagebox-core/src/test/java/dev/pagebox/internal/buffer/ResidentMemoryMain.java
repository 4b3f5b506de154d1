/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.buffer;

import dev.pagebox.internal.store.PageStore;
import dev.pagebox.internal.store.PageStoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child process of {@link ResidentMemoryTest}: prints its resident memory, then cycles a directory ten times
 * the pool's budget through the pool (creating and then reading every page) and prints it again.
 */
public final class ResidentMemoryMain {
    static final int PAGE_SIZE = 4096;
    static final long BUDGET = 32L << 20;
    private static final int SLOTS = 500;

    private ResidentMemoryMain() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        long pages = 10 * BUDGET / PAGE_SIZE;
        int roots = (int) (pages / SLOTS) + 1;
        System.out.println("BEFORE " + rss());
        try (PageStore store = PageStore.open(directory, PageStoreConfig.of(PAGE_SIZE));
                BufferPool pool = new BufferPool(
                        new BufferPoolConfig(BUDGET, PAGE_SIZE, 10, 1, Duration.ofSeconds(60), true),
                        PageIo.of(store),
                        LogFlusher.NONE)) {
            TwoLevelDirectory tree = TwoLevelDirectory.create(pool, roots, SLOTS);
            long sum = 0;
            for (int leaf = 0; leaf < tree.leaves(); leaf++) {
                sum += tree.readCounter(leaf);
            }
            System.out.println("PAGES " + tree.leaves() + " SUM " + sum + " MISSES "
                    + pool.stats().misses());
            System.out.println("AFTER " + rss());
        }
    }

    private static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
