/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.testing.SmallStores;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageboxTest {
    @TempDir
    Path directory;

    private static final PageboxOptions SMALL = SmallStores.options(32).build();

    @Test
    void namedTreesKeepTheirDataAcrossCloseAndReopenWithoutReplay() {
        try (Pagebox store = Pagebox.open(directory, SMALL)) {
            for (int i = 0; i < 2_000; i++) {
                store.tree("users").put(bytes("user" + i), bytes("name" + i), CommitMode.RELAXED);
                store.tree("orders").put(bytes("order" + i), bytes("total" + i), CommitMode.NONE);
            }
            assertThat(store.tree("users").delete(bytes("user7"))).isTrue();
            assertThat(store.trees()).containsExactly("orders", "users");
            assertThat(store.state()).isEqualTo(PageboxState.HEALTHY);
            store.checkpoint();
            PageboxStats stats = store.stats();
            assertThat(stats.pool().frames()).isEqualTo(32);
            assertThat(stats.pool().evictions())
                    .as("4,000 entries do not fit 32 frames")
                    .isPositive();
            assertThat(stats.pool().dirtyFrames())
                    .as("the checkpoint wrote them")
                    .isZero();
            assertThat(stats.log().records()).isGreaterThan(4_000);
            assertThat(stats.log().bytesSinceCheckpoint())
                    .isLessThan(stats.log().bytes());
            assertThat(stats.checkpoints().count()).isGreaterThanOrEqualTo(2);
            assertThat(stats.checkpoints().lastCompleted()).isNotNull();
        }
        try (Pagebox store = Pagebox.open(directory, SMALL)) {
            assertThat(store.recovery().recordsReplayed())
                    .as("close checkpointed")
                    .isZero();
            assertThat(store.trees()).containsExactly("orders", "users");
            assertThat(store.tree("users").get(bytes("user1999"))).isEqualTo(bytes("name1999"));
            assertThat(store.tree("users").get(bytes("user7"))).isNull();
            assertThat(store.tree("orders").get(bytes("order5"))).isEqualTo(bytes("total5"));
            List<String> prefixed = new ArrayList<>();
            store.tree("users")
                    .prefix(bytes("user19"), (key, value) -> prefixed.add(new String(key, StandardCharsets.UTF_8)));
            assertThat(prefixed).hasSize(111).startsWith("user19", "user190").endsWith("user1999");
            List<String> reversed = new ArrayList<>();
            store.tree("users").prefixReverse(bytes("user19"), (key, value) -> {
                reversed.add(new String(key, StandardCharsets.UTF_8));
                return reversed.size() < 3;
            });
            assertThat(reversed).containsExactly("user1999", "user1998", "user1997");
            List<String> range = new ArrayList<>();
            store.tree("users")
                    .rangeReverse(
                            bytes("user100"),
                            bytes("user1001"),
                            (key, value) -> range.add(new String(key, StandardCharsets.UTF_8)));
            assertThat(range).as("from inclusive, to exclusive").containsExactly("user1000", "user100");
            assertThat(store.tree("users").count()).isEqualTo(1_999);
            PageboxTreeStats users = store.tree("users").stats();
            assertThat(users.name()).isEqualTo("users");
            assertThat(users.entries()).isEqualTo(1_999);
            assertThat(users.height()).isGreaterThan(1);
            assertThat(users.leafPages()).isGreaterThan(users.innerPages());
            assertThat(users.fillFactor()).isBetween(0.3, 1.0);
            assertThat(store.stats().trees()).containsExactly("orders", "users");
            PageboxCursor cursor = store.tree("orders").cursor();
            assertThat(cursor.seekForPrev(bytes("order5~"))).isTrue();
            assertThat(cursor.keyBytes()).isEqualTo(bytes("order599"));
            assertThat(cursor.previous()).isTrue();
            assertThat(cursor.keyBytes()).isEqualTo(bytes("order598"));
            assertThat(cursor.keyBuffer()).isEqualTo(ByteBuffer.wrap(bytes("order598")));
            assertThat(cursor.valueBuffer()).isEqualTo(ByteBuffer.wrap(bytes("total598")));
            assertThat(cursor.keyBuffer().isReadOnly()).isTrue();
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.keyBuffer()).isEqualTo(ByteBuffer.wrap(bytes("order599")));
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.keyBuffer()).isEqualTo(ByteBuffer.wrap(bytes("order6")));
            assertThat(cursor.valueBuffer()).isEqualTo(ByteBuffer.wrap(bytes("total6")));
            assertThat(cursor.last()).isTrue();
            assertThat(cursor.keyBytes()).isEqualTo(bytes("order999"));
        }
    }

    @Test
    void aStoreClosedWithoutCheckpointRecoversFromTheLog() {
        PageboxOptions noCheckpoint = SMALL.toBuilder().checkpointOnClose(false).build();
        try (Pagebox store = Pagebox.open(directory, noCheckpoint)) {
            for (int i = 0; i < 500; i++) {
                store.tree("t").put(bytes("k" + i), bytes("v" + i));
            }
        }
        try (Pagebox store = Pagebox.open(directory, SMALL)) {
            assertThat(store.recovery().recordsReplayed()).isPositive();
            for (int i = 0; i < 500; i++) {
                assertThat(store.tree("t").get(bytes("k" + i))).isEqualTo(bytes("v" + i));
            }
        }
    }

    @Test
    void closedHandlesAndBadInputFailClearly() {
        Pagebox store = Pagebox.open(directory, SMALL);
        PageboxTree tree = store.tree("t");
        assertThatThrownBy(() -> store.tree("")).hasMessageContaining("1 to 255 bytes");
        assertThatThrownBy(() -> tree.put(null, bytes("v"))).isInstanceOf(NullPointerException.class);
        store.close();
        store.close(); // idempotent
        assertThat(store.state()).isEqualTo(PageboxState.CLOSED);
        assertThatThrownBy(() -> tree.get(bytes("k"))).isInstanceOf(PageboxClosedException.class);
        assertThatThrownBy(() -> store.tree("t")).isInstanceOf(PageboxClosedException.class);
        assertThatThrownBy(store::stats).isInstanceOf(PageboxClosedException.class);
    }

    @Test
    void closingWhileReadersRunWaitsForThemAndThenRefusesThem() throws Exception {
        Pagebox store = Pagebox.open(directory, SMALL);
        PageboxTree tree = store.tree("t");
        for (int i = 0; i < 300; i++) {
            tree.put(bytes("k" + i), bytes("v" + i), CommitMode.NONE);
        }
        AtomicLong reads = new AtomicLong();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    for (int i = 0; ; i++) {
                        try {
                            assertThat(tree.get(bytes("k" + i % 300))).isEqualTo(bytes("v" + i % 300));
                            reads.incrementAndGet();
                        } catch (PageboxClosedException expected) {
                            return null;
                        }
                    }
                }));
            }
            while (reads.get() < 1_000) {
                Thread.onSpinWait();
            }
            store.close();
            for (Future<?> reader : readers) {
                reader.get(); // each ended on PageboxClosedException, none read unmapped memory
            }
        }
    }

    @Test
    void aBatchWritesAcrossTreesAndRejectsWhatItCannotLogWhole() {
        try (Pagebox store = Pagebox.open(directory, SMALL);
                Pagebox other = Pagebox.open(directory.resolve("other"), SMALL)) {
            PageboxTree users = store.tree("users");
            PageboxTree emails = store.tree("emails");
            users.put(bytes("old"), bytes("x"));
            store.write(new WriteBatch()
                    .put(users, bytes("u1"), bytes("ada"))
                    .put(emails, bytes("ada@example.org"), bytes("u1"))
                    .delete(users, bytes("old")));
            assertThat(users.get(bytes("u1"))).isEqualTo(bytes("ada"));
            assertThat(emails.get(bytes("ada@example.org"))).isEqualTo(bytes("u1"));
            assertThat(users.get(bytes("old"))).isNull();

            assertThatThrownBy(() -> store.write(new WriteBatch().put(other.tree("users"), bytes("k"), bytes("v"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a tree of this store");
            WriteBatch huge = new WriteBatch();
            for (int i = 0; i < 200; i++) {
                huge.put(users, bytes("big" + i), new byte[1000]);
            }
            assertThatThrownBy(() -> store.write(huge))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exceeds the maximum");
            assertThat(users.get(bytes("big0")))
                    .as("nothing of a rejected batch is written")
                    .isNull();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
