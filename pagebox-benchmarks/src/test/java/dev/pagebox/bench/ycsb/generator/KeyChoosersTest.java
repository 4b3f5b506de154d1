/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class KeyChoosersTest {
    private static final int DRAWS = 200_000;

    @Test
    void zipfianRankFrequenciesFollowTheZipfLaw() {
        int items = 1000;
        ZipfianChooser chooser = new ZipfianChooser(items, 0.99);
        long[] counts = histogram(chooser, items, new SplittableRandom(1));
        double zetan = ZipfianChooser.zeta(0, items, 0.99, 0);
        // P(rank r) = 1 / ((r + 1)^theta * zetan) for the two ranks the method computes exactly.
        assertThat(counts[0] / (double) DRAWS).isCloseTo(1 / zetan, withinPercent(5));
        assertThat(counts[1] / (double) DRAWS).isCloseTo(1 / (Math.pow(2, 0.99) * zetan), withinPercent(5));
        assertThat(counts[0]).isGreaterThan(counts[9] * 5).isGreaterThan(counts[99] * 50);
        long top10 = Arrays.stream(counts, 0, 10).sum();
        assertThat(top10 / (double) DRAWS).isGreaterThan(0.35);
    }

    @Test
    void zipfianGrownIncrementallyDrawsLikeOneBuiltAtTheFinalSize() {
        ZipfianChooser grown = new ZipfianChooser(100, 0.99);
        ZipfianChooser fresh = new ZipfianChooser(5000, 0.99);
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        grown.next(a, 3000);
        fresh.next(b);
        for (int i = 0; i < 10_000; i++) {
            assertThat(grown.next(a, 5000)).isEqualTo(fresh.next(b));
        }
        assertThat(grown.items()).isEqualTo(5000);
    }

    @Test
    void scrambledZipfianStaysInBoundsAndScattersOneHotRecord() {
        int records = 10_000;
        long[] counts = histogram(new ScrambledZipfianChooser(0, records), records, new SplittableRandom(2));
        long hottest = Arrays.stream(counts).max().orElseThrow();
        int hottestRecord = indexOf(counts, hottest);
        // Rank 0 takes 1 / zeta(1e10, 0.99) = 3.8 % of the draws, wherever its hash lands.
        assertThat(hottest / (double) DRAWS).isBetween(0.03, 0.06);
        assertThat(hottestRecord).isNotZero();
        long touched = Arrays.stream(counts).filter(c -> c > 0).count();
        assertThat(touched).isGreaterThan(records / 2);
    }

    @Test
    void latestFavoursTheNewestRecordsAndFollowsInserts() {
        AcknowledgedCounter inserts = new AcknowledgedCounter(10_000);
        LatestChooser chooser = new LatestChooser(inserts);
        SplittableRandom random = new SplittableRandom(3);
        int newestTen = 0;
        for (int i = 0; i < DRAWS; i++) {
            long record = chooser.next(random);
            assertThat(record).isBetween(0L, 9_999L);
            if (record >= 9_990) {
                newestTen++;
            }
        }
        assertThat(newestTen / (double) DRAWS).isGreaterThan(0.3);
        for (int i = 0; i < 100; i++) {
            inserts.acknowledge(inserts.next());
        }
        int newest = 0;
        for (int i = 0; i < 10_000; i++) {
            if (chooser.next(random) == 10_099) {
                newest++;
            }
        }
        assertThat(newest).isGreaterThan(10_000 / 20);
    }

    @Test
    void uniformCoversItsInclusiveBoundsEvenly() {
        long[] counts = new long[20];
        UniformChooser chooser = new UniformChooser(10, 29);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < DRAWS; i++) {
            long value = chooser.next(random);
            assertThat(value).isBetween(10L, 29L);
            counts[(int) (value - 10)]++;
        }
        for (long count : counts) {
            assertThat(count / (double) DRAWS).isCloseTo(1 / 20.0, withinPercent(10));
        }
    }

    @Test
    void acknowledgedCounterAdvancesOnlyOverContiguousAcknowledgements() {
        AcknowledgedCounter counter = new AcknowledgedCounter(5);
        long a = counter.next();
        long b = counter.next();
        long c = counter.next();
        assertThat(counter.lastAcknowledged()).isEqualTo(4);
        counter.acknowledge(c);
        counter.acknowledge(b);
        assertThat(counter.lastAcknowledged()).isEqualTo(4);
        counter.acknowledge(a);
        assertThat(counter.lastAcknowledged()).isEqualTo(c);
    }

    @Test
    void acknowledgedCounterReachesTheTotalUnderConcurrentInserts() throws InterruptedException {
        AcknowledgedCounter counter = new AcknowledgedCounter(0);
        int perThread = 50_000;
        Thread[] threads = new Thread[4];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        counter.acknowledge(counter.next());
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(counter.lastAcknowledged()).isEqualTo(threads.length * (long) perThread - 1);
    }

    private static long[] histogram(KeyChooser chooser, int size, SplittableRandom random) {
        long[] counts = new long[size];
        for (int i = 0; i < DRAWS; i++) {
            long value = chooser.next(random);
            assertThat(value).isBetween(0L, size - 1L);
            counts[(int) value]++;
        }
        return counts;
    }

    private static int indexOf(long[] counts, long value) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == value) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static Percentage withinPercent(double percent) {
        return Percentage.withPercentage(percent);
    }
}
