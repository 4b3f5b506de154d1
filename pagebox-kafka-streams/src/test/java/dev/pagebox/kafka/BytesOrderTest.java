/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.Pagebox;
import dev.pagebox.PageboxTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's caching layer merges its cache with a store's iterator assuming {@link Bytes} order; Pagebox must iterate
 * in exactly that order, or DSL results duplicate or drop entries.
 */
class BytesOrderTest {
    @TempDir
    Path directory;

    @Test
    void pageboxIteratesInKafkaBytesOrder() {
        Random random = new Random(20);
        TreeSet<Bytes> kafkaOrder = new TreeSet<>();
        byte[] edges = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};
        while (kafkaOrder.size() < 3000) {
            byte[] key = new byte[random.nextInt(6)];
            for (int i = 0; i < key.length; i++) {
                key[i] = random.nextBoolean() ? edges[random.nextInt(edges.length)] : (byte) random.nextInt(256);
            }
            kafkaOrder.add(Bytes.wrap(key));
        }
        List<Bytes> pageboxOrder = new ArrayList<>();
        try (Pagebox store =
                Pagebox.open(directory, StoreFixtures.smallOptions().pagebox())) {
            PageboxTree tree = store.tree("order");
            List<Bytes> shuffled = new ArrayList<>(kafkaOrder);
            java.util.Collections.shuffle(shuffled, random);
            shuffled.forEach(key -> tree.put(key.get(), new byte[] {1}));
            tree.range(null, null, (key, value) -> pageboxOrder.add(Bytes.wrap(key)));
        }
        assertThat(pageboxOrder).containsExactlyElementsOf(kafkaOrder);
        assertThat(Bytes.wrap(new byte[] {(byte) 0x80}).compareTo(Bytes.wrap(new byte[] {0x7F})))
                .as("Bytes compares unsigned")
                .isPositive();
        assertThat(Bytes.wrap(new byte[] {1}).compareTo(Bytes.wrap(new byte[] {1, 0})))
                .as("a shorter prefix comes first")
                .isNegative();
    }
}
