/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The restore buffer hands out the last record of every key, in the unsigned byte order of the stores' trees. */
class RestoreBufferTest {
    @Test
    void visitsTheLastRecordOfEachKeyInUnsignedKeyOrder() {
        RestoreBuffer buffer = new RestoreBuffer();
        buffer.add(List.of(
                record(0, new byte[] {(byte) 0x80}, "high"),
                record(1, new byte[] {0x01, 0x02}, "longer"),
                record(2, new byte[] {0x01}, "prefix")));
        buffer.add(List.of(record(3, new byte[] {0x7F}, "low"), record(4, new byte[] {(byte) 0x80}, null)));

        List<Long> visited = new ArrayList<>();
        buffer.forEachLatestInKeyOrder(record -> visited.add(record.offset()));

        assertThat(visited)
                .as("0x01 before 0x0102 (shorter prefix first), 0x7F before 0x80 (unsigned), the tombstone of 0x80")
                .containsExactly(2L, 1L, 3L, 4L);
        assertThat(buffer.last().offset()).isEqualTo(4L);
        assertThat(buffer.arrived()).hasSize(5);
        buffer.clear();
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.bytes()).isZero();
    }

    @Test
    void agreesWithASortedMapOnRandomKeysSharingLongPrefixes() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 50; round++) {
            RestoreBuffer buffer = new RestoreBuffer();
            Map<byte[], Long> model = new TreeMap<>(Arrays::compareUnsigned);
            int prefix = random.nextInt(12);
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
            int records = 1 + random.nextInt(300);
            for (long offset = 0; offset < records; offset++) {
                byte[] key = new byte[prefix + random.nextInt(4)];
                Arrays.fill(key, 0, prefix, (byte) 0xAB);
                for (int i = prefix; i < key.length; i++) {
                    key[i] = random.nextInt(3) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
                }
                batch.add(record(offset, key, random.nextBoolean() ? "v" : null));
                model.put(key, offset);
                if (random.nextInt(20) == 0) {
                    buffer.add(batch);
                    batch = new ArrayList<>();
                }
            }
            buffer.add(batch);
            List<Long> visited = new ArrayList<>();
            buffer.forEachLatestInKeyOrder(record -> visited.add(record.offset()));
            assertThat(visited).as("seed %d, round %d", seed, round).containsExactlyElementsOf(model.values());
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] key, String value) {
        return new ConsumerRecord<>("changelog", 0, offset, key, value == null ? null : value.getBytes());
    }
}
