/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Runs client threads until a deadline or an operation count, timing every operation into per-thread
 * histograms that are merged at the end. The first failure in any thread (a wrong answer or an engine error)
 * stops all threads and is rethrown by {@link #run}.
 */
final class ClientThreads {
    private static final int SIGNIFICANT_DIGITS = 3;

    private ClientThreads() {}

    /** What one thread does per iteration: returns the operations it did, 0 when it has nothing left to do. */
    @FunctionalInterface
    interface Step {
        int run(Client client);
    }

    /** The merged outcome of a run. */
    record Outcome(long operations, long elapsedNanos, Histogram latencyNanos) {
        double operationsPerSecond() {
            return elapsedNanos == 0 ? 0 : operations * 1e9 / elapsedNanos;
        }
    }

    /**
     * Runs one workload step per iteration in {@code threads} threads.
     *
     * @param threads how many client threads
     * @param virtual whether they are virtual threads
     * @param clients makes the client of thread {@code i}
     * @param step one iteration
     * @param durationNanos stop after this long (0: no deadline)
     * @param operations stop after this many operations in total (0: no limit)
     * @return the merged result
     * @throws InterruptedException if the calling thread is interrupted while waiting for the clients
     */
    static Outcome run(
            int threads, boolean virtual, IntFunction<Client> clients, Step step, long durationNanos, long operations)
            throws InterruptedException {
        AtomicLong remaining = new AtomicLong(operations);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long[] deadline = new long[1];
        for (int i = 0; i < threads; i++) {
            Client client = clients.apply(i);
            Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
            histograms.add(histogram);
            Runnable body = () -> {
                try {
                    start.await();
                    loop(client, step, histogram, remaining, failure, deadline[0], durationNanos > 0, operations > 0);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            };
            Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform();
            workers.add(builder.name("ycsb-client-" + i).unstarted(body));
        }
        workers.forEach(Thread::start);
        long begin = System.nanoTime();
        deadline[0] = begin + durationNanos; // published to the workers by the latch
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - begin;
        Throwable failed = failure.get();
        if (failed != null) {
            throw failed instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("client thread failed", failed);
        }
        Histogram merged = new Histogram(SIGNIFICANT_DIGITS);
        histograms.forEach(merged::add);
        return new Outcome(merged.getTotalCount(), elapsed, merged);
    }

    private static void loop(
            Client client,
            Step step,
            Histogram histogram,
            AtomicLong remaining,
            AtomicReference<Throwable> failure,
            long deadline,
            boolean timed,
            boolean counted) {
        while (failure.get() == null) {
            if (counted && remaining.getAndDecrement() <= 0) {
                return;
            }
            long begin = System.nanoTime();
            if (timed && begin - deadline >= 0) {
                return;
            }
            int done = step.run(client);
            if (done == 0) {
                return;
            }
            // A batch counts as its operations, each at its share of the batch's time.
            histogram.recordValueWithCount((System.nanoTime() - begin) / done, done);
        }
    }
}
