/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeysAndValuesTest {

    @Test
    void keyHashIsABijectionOverTheFirstMillionRecords() {
        int n = 1_000_000;
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = Keys.hash(i);
            assertThat(Keys.record(hashes[i])).isEqualTo(i);
        }
        Arrays.sort(hashes);
        for (int i = 1; i < n; i++) {
            assertThat(hashes[i]).isNotEqualTo(hashes[i - 1]);
        }
    }

    @Test
    void keyHashInvertsEverywhere() {
        SplittableRandom random = new SplittableRandom(9);
        for (long record : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertThat(Keys.record(Keys.hash(record))).isEqualTo(record);
        }
        for (int i = 0; i < 100_000; i++) {
            long record = random.nextLong();
            assertThat(Keys.record(Keys.hash(record))).isEqualTo(record);
        }
    }

    @Test
    void keyByteOrderIsTheUnsignedOrderOfTheHashes() {
        byte[] a = new byte[Keys.LENGTH];
        byte[] b = new byte[Keys.LENGTH];
        for (int i = 0; i < 10_000; i++) {
            Keys.encode(i, a);
            Keys.encode(i + 1, b);
            assertThat(Integer.signum(Arrays.compareUnsigned(a, b)))
                    .isEqualTo(Integer.signum(Long.compareUnsigned(Keys.hash(i), Keys.hash(i + 1))));
            assertThat(Keys.decode(ByteBuffer.wrap(a))).isEqualTo(i);
        }
    }

    @Test
    void valueRoundTripsAndReportsItsVersion() {
        Values values = new Values(42, 100);
        byte[] value = new byte[100];
        values.encode(7, 123, value);
        assertThat(values.check(7, value, 100)).isEqualTo(123);
        byte[] other = new byte[100];
        values.encode(7, 124, other);
        assertThat(other).isNotEqualTo(value);
    }

    @Test
    void everyCorruptedByteIsDetected() {
        Values values = new Values(42, 101); // a partial last word
        byte[] value = new byte[101];
        values.encode(99, 5, value);
        for (int i = 0; i < value.length; i++) {
            byte[] corrupt = value.clone();
            corrupt[i] ^= 0x10;
            assertThatThrownBy(() -> values.check(99, corrupt, 101)).isInstanceOf(VerificationException.class);
        }
    }

    @Test
    void valueOfAnotherRecordOrSeedOrLengthIsRejected() {
        Values values = new Values(42, 64);
        byte[] value = new byte[64];
        values.encode(1, 0, value);
        assertThatThrownBy(() -> values.check(2, value, 64))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("value of record 1");
        assertThatThrownBy(() -> new Values(43, 64).check(1, value, 64)).isInstanceOf(VerificationException.class);
        assertThatThrownBy(() -> values.check(1, value, 63)).isInstanceOf(VerificationException.class);
        assertThatThrownBy(() -> values.check(1, value, -1))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> new Values(1, Values.MIN_SIZE - 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
