/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * Seeded keys, values and times for the contract tests: short keys over a small alphabet of edge bytes (0x00, 0x7F,
 * 0x80, 0xFF), so that prefixes, empty keys and unsigned order all come up, and times that move forward near a
 * retention boundary.
 */
final class RandomInputs {
    private static final byte[] ALPHABET = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFF};

    private final Random random;
    private final long retention;
    private long clock = 1000;
    private long streamTime = -1;

    /**
     * Inputs from a seeded random source.
     *
     * @param retention the retention period whose boundary {@link #time} often lands on (window and session stores)
     */
    RandomInputs(Random random, long retention) {
        this.random = random;
        this.retention = retention;
    }

    /** A key of 0 to 3 bytes of the alphabet. */
    Bytes key() {
        return Bytes.wrap(bytes(4));
    }

    /** Fewer than {@code lengthBound} bytes of the alphabet. */
    byte[] bytes(int lengthBound) {
        byte[] bytes = new byte[random.nextInt(lengthBound)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return bytes;
    }

    /** A value of 0 to 5 random bytes, or null one time in {@code nullOneIn}. */
    byte @Nullable [] value(int nullOneIn) {
        if (nullOneIn > 0 && random.nextInt(nullOneIn) == 0) {
            return null;
        }
        byte[] value = new byte[random.nextInt(6)];
        random.nextBytes(value);
        return value;
    }

    /** Moves the clock forward a little (it stays within [1000, 65000]). */
    void tick() {
        clock = Math.min(65_000, clock + random.nextInt(8));
    }

    /** Records a time written to the store: the stream time is the greatest of them. */
    void wrote(long time) {
        streamTime = Math.max(streamTime, time);
    }

    long streamTime() {
        return streamTime;
    }

    /**
     * A time near the clock, at least 1000: often exactly at the retention boundary or just after it
     * ({@code streamTime - retention}, expired, or one ms later, live), sometimes long expired.
     */
    long time() {
        int choice = random.nextInt(10);
        if (choice == 0 && streamTime > retention) {
            return streamTime - retention + random.nextInt(2);
        }
        if (choice == 1) {
            return Math.max(1000, clock - retention - random.nextInt(200));
        }
        return Math.max(1000, clock - random.nextInt((int) retention)) + random.nextInt(40);
    }
}
