/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import static dev.pagebox.kafka.StoreFixtures.key;
import static dev.pagebox.kafka.StoreFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.Pagebox;
import dev.pagebox.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's life with Kafka Streams: one shared Pagebox per instance, offsets written with the data, wiped task
 * directories, crashes in each mode, restoration in batches, the sweep of trees of tasks that moved away.
 */
class StoreLifecycleTest {
    private static final TopicPartition CHANGELOG = new TopicPartition("app-store-changelog", 0);

    @TempDir
    Path stateDir;

    @AfterEach
    void everyPageboxClosed() {
        assertThat(SharedPagebox.openCount()).as("every shared Pagebox closed").isZero();
    }

    @Test
    void storesOfAnInstanceShareOnePageboxUntilTheLastCloses() {
        PageboxKeyValueStore first = StoreFixtures.open("first", stateDir, new TaskId(0, 0), new Properties());
        PageboxKeyValueStore second = StoreFixtures.open("second", stateDir, new TaskId(0, 1), new Properties());
        first.put(key("k"), value("one"));
        second.put(key("k"), value("two"));
        assertThat(SharedPagebox.openCount()).isEqualTo(1);
        assertThat(first.get(key("k"))).isEqualTo(value("one"));
        assertThat(second.get(key("k"))).isEqualTo(value("two"));
        first.close();
        assertThat(SharedPagebox.openCount()).isEqualTo(1);
        assertThat(second.get(key("k"))).isEqualTo(value("two"));
        second.close();
        assertThat(SharedPagebox.openCount()).isZero();
        assertThat(trees()).contains("kv/0_0/first", "kv/0_1/second", TreeMeta.TREE);
    }

    @Test
    void offsetsPositionAndEstimateSurviveReopen() {
        PageboxKeyValueStore store = StoreFixtures.open("store", stateDir, new Properties());
        assertThat(store.committedOffset(CHANGELOG)).isNull();
        store.put(key("a"), value("1"));
        store.put(key("b"), value("2"));
        store.commit(Map.of(CHANGELOG, 42L));
        store.close();

        PageboxKeyValueStore reopened = StoreFixtures.open("store", stateDir, new Properties());
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(42L);
        assertThat(reopened.approximateNumEntries()).isEqualTo(2);
        assertThat(reopened.get(key("b"))).isEqualTo(value("2"));
        reopened.commit(Map.of());
        assertThat(reopened.committedOffset(CHANGELOG))
                .as("an empty map clears the offsets")
                .isNull();
        reopened.close();
    }

    @Test
    void aWipedTaskDirectoryEmptiesTheStore() throws IOException {
        PageboxKeyValueStore store = StoreFixtures.open("store", stateDir, new Properties());
        store.put(key("a"), value("1"));
        store.commit(Map.of(CHANGELOG, 7L));
        store.close();
        delete(StoreFixtures.taskDirectory(stateDir, new TaskId(0, 0)));

        PageboxKeyValueStore reopened = StoreFixtures.open("store", stateDir, new Properties());
        assertThat(reopened.get(key("a")))
                .as("state never runs ahead of the changelog")
                .isNull();
        assertThat(reopened.committedOffset(CHANGELOG)).isNull();
        assertThat(reopened.approximateNumEntries()).isZero();
        reopened.close();
    }

    @Test
    void transactionalWritesReachTheTreeOnlyWithTheirOffsets() {
        Properties config = StoreFixtures.transactional();
        PageboxKeyValueStore store = StoreFixtures.open("store", stateDir, config);
        store.put(key("committed"), value("1"));
        store.commit(Map.of(CHANGELOG, 10L));
        store.put(key("staged"), value("2"));
        store.delete(key("committed"));
        assertThat(store.get(key("staged"))).isEqualTo(value("2"));
        assertThat(store.get(key("committed"))).isNull();
        assertThat(store.readOnly(org.apache.kafka.common.IsolationLevel.READ_COMMITTED)
                        .get(key("committed")))
                .as("read committed skips staged writes")
                .isEqualTo(value("1"));
        assertThat(store.approximateNumUncommittedBytes()).isPositive();
        store.close(); // as a crash: the staged writes are lost

        PageboxKeyValueStore reopened = StoreFixtures.open("store", stateDir, config);
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(10L);
        assertThat(reopened.get(key("committed"))).isEqualTo(value("1"));
        assertThat(reopened.get(key("staged"))).isNull();
        reopened.close();
    }

    @Test
    void aTransactionalCommitLargerThanOneBatchIsWholeAfterItReturns() {
        Properties config = StoreFixtures.transactional();
        PageboxKeyValueStore store = StoreFixtures.open("store", stateDir, config);
        byte[] big = new byte[1000];
        for (int i = 0; i < 600; i++) {
            store.put(key(String.format("k%04d", i)), big);
        }
        store.put(key("huge"), new byte[300 << 10]); // larger than any batch of this store
        store.commit(Map.of(CHANGELOG, 600L));
        store.close();

        PageboxKeyValueStore reopened = StoreFixtures.open("store", stateDir, config);
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(600L);
        assertThat(StoreFixtures.drain(reopened.all())).hasSize(601);
        assertThat(reopened.approximateNumEntries()).isEqualTo(601);
        reopened.close();
    }

    @Test
    void aStoreReopenedInTheMiddleOfALargeCommitRestoresFromScratch() {
        Properties config = StoreFixtures.transactional();
        PageboxKeyValueStore store = StoreFixtures.open("store", stateDir, config);
        store.put(key("a"), value("1"));
        store.commit(Map.of(CHANGELOG, 1L));
        store.close();
        try (Pagebox pagebox =
                Pagebox.open(pageboxDirectory(), StoreFixtures.smallOptions().pagebox())) {
            TreeMeta meta = new TreeMeta(pagebox.tree(TreeMeta.TREE), "kv/0_0/store");
            WriteBatch batch = new WriteBatch();
            meta.putInFlight(batch, true); // what a crash between the batches of a large commit leaves
            pagebox.write(batch);
        }

        PageboxKeyValueStore reopened = StoreFixtures.open("store", stateDir, config);
        assertThat(reopened.committedOffset(CHANGELOG)).isNull();
        assertThat(reopened.get(key("a"))).isNull();
        reopened.close();
    }

    @Test
    void underExactlyOnceAStoreWrittenSinceItsLastCommitReportsNoOffsets() {
        Properties config = StoreFixtures.exactlyOnce();
        PageboxKeyValueStore store = StoreFixtures.open("store", stateDir, config);
        store.put(key("a"), value("1"));
        store.commit(Map.of(CHANGELOG, 5L));
        store.close();

        PageboxKeyValueStore clean = StoreFixtures.open("store", stateDir, config);
        assertThat(clean.committedOffset(CHANGELOG))
                .as("no writes after the commit")
                .isEqualTo(5L);
        clean.put(key("b"), value("2"));
        clean.close(); // a dirty close (or a crash): Kafka Streams committed nothing since the write

        PageboxKeyValueStore dirty = StoreFixtures.open("store", stateDir, config);
        assertThat(dirty.committedOffset(CHANGELOG)).isNull();
        assertThat(dirty.get(key("a"))).isNull();
        assertThat(dirty.get(key("b"))).isNull();
        dirty.close();

        PageboxKeyValueStore atLeastOnce = StoreFixtures.open("store", stateDir, new Properties());
        atLeastOnce.put(key("c"), value("3"));
        atLeastOnce.commit(Map.of(CHANGELOG, 9L));
        atLeastOnce.put(key("d"), value("4"));
        atLeastOnce.close();
        PageboxKeyValueStore reopened = StoreFixtures.open("store", stateDir, new Properties());
        assertThat(reopened.committedOffset(CHANGELOG))
                .as("at-least-once keeps data past the offsets; restoring replays it")
                .isEqualTo(9L);
        assertThat(reopened.get(key("d"))).isEqualTo(value("4"));
        reopened.close();
    }

    @Test
    void restorationRecordsTheOffsetOfItsLastRecord() {
        PageboxKeyValueStore store = StoreFixtures.open("store", stateDir, new Properties());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(new ConsumerRecord<>(
                    CHANGELOG.topic(),
                    CHANGELOG.partition(),
                    100 + i,
                    value(String.format("k%04d", i)),
                    new byte[900]));
        }
        records.add(new ConsumerRecord<>(CHANGELOG.topic(), CHANGELOG.partition(), 500, value("k0000"), null));
        store.restoreBatch(records);
        assertThat(store.committedOffset(CHANGELOG))
                .as("the records wait in the restore buffer: the store reports only what it wrote")
                .isNull();
        assertThat(store.get(key("k0000")))
                .as("a read writes them first; a tombstone deletes")
                .isNull();
        assertThat(store.committedOffset(CHANGELOG)).isEqualTo(500L);
        assertThat(store.get(key("k0399"))).hasSize(900);
        store.close();

        PageboxKeyValueStore reopened = StoreFixtures.open("store", stateDir, new Properties());
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(500L);
        assertThat(StoreFixtures.drain(reopened.all())).hasSize(399);
        reopened.close();
    }

    @Test
    void theRestoreBufferWritesOnceTheInstanceHoldsItsSizeAndWhenTheStoreCloses() {
        PageboxStoreOptions options = StoreFixtures.smallOptions().toBuilder()
                .restoreBufferSize(3_000)
                .build();
        PageboxKeyValueStore first = new PageboxKeyValueStore("first", options);
        PageboxKeyValueStore second = new PageboxKeyValueStore("second", options);
        StoreFixtures.init(first, stateDir, new TaskId(0, 0), new Properties());
        StoreFixtures.init(second, stateDir, new TaskId(0, 1), new Properties());
        first.restoreBatch(List.of(restored(1, "a", 1_000)));
        second.restoreBatch(List.of(restored(1, "b", 1_000)));
        assertThat(first.committedOffset(CHANGELOG))
                .as("below the instance's buffer size: waiting")
                .isNull();
        assertThat(second.committedOffset(CHANGELOG)).isNull();

        second.restoreBatch(List.of(restored(2, "c", 1_000)));
        assertThat(second.committedOffset(CHANGELOG))
                .as("the instance's stores hold more than the buffer size: the store that crossed it writes")
                .isEqualTo(2L);
        assertThat(first.committedOffset(CHANGELOG)).isNull();
        first.close();
        second.close();

        PageboxKeyValueStore reopened = StoreFixtures.open("first", stateDir, new Properties());
        assertThat(reopened.committedOffset(CHANGELOG))
                .as("closing wrote what waited")
                .isEqualTo(1L);
        assertThat(reopened.get(key("a"))).hasSize(1_000);
        reopened.close();
    }

    private static ConsumerRecord<byte[], byte[]> restored(long offset, String key, int valueBytes) {
        return new ConsumerRecord<>(CHANGELOG.topic(), CHANGELOG.partition(), offset, value(key), new byte[valueBytes]);
    }

    @Test
    void treesOfTasksWhoseDirectoriesKafkaDeletedAreSwept() throws IOException {
        PageboxKeyValueStore kept = StoreFixtures.open("store", stateDir, new TaskId(0, 0), new Properties());
        PageboxKeyValueStore moved = StoreFixtures.open("store", stateDir, new TaskId(0, 1), new Properties());
        PageboxKeyValueStore other = StoreFixtures.open("store", stateDir, new TaskId(0, 2), new Properties());
        moved.put(key("a"), value("1"));
        moved.close();
        delete(StoreFixtures.taskDirectory(stateDir, new TaskId(0, 1))); // the cleaner, after the task moved away
        other.close(); // a store closing sweeps
        kept.close();
        assertThat(trees()).contains("kv/0_0/store", "kv/0_2/store").doesNotContain("kv/0_1/store");
    }

    @Test
    void closingTheStoreClosesItsIterators() {
        PageboxKeyValueStore store = StoreFixtures.open("store", stateDir, new Properties());
        store.put(key("a"), value("1"));
        store.put(key("b"), value("2"));
        KeyValueIterator<Bytes, byte[]> iterator = store.all();
        assertThat(iterator.next().key).isEqualTo(key("a"));
        assertThat(store.openIterators()).isEqualTo(1);
        store.close();
        assertThat(store.openIterators()).isZero();
        assertThatThrownBy(iterator::hasNext).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(() -> store.get(key("a"))).isInstanceOf(InvalidStateStoreException.class);
    }

    @Test
    void answersInteractiveQueriesAndRejectsOversizedKeys() {
        PageboxKeyValueStore store = StoreFixtures.open("store", stateDir, new Properties());
        store.put(key("a"), value("1"));
        QueryResult<byte[]> result =
                store.query(KeyQuery.withKey(key("a")), PositionBound.unbounded(), new QueryConfig(false));
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.getResult()).isEqualTo(value("1"));
        assertThatThrownBy(() -> store.put(Bytes.wrap(new byte[64 << 10]), value("x")))
                .isInstanceOf(ProcessorStateException.class)
                .hasMessageContaining("store");
        store.close();
    }

    private Path pageboxDirectory() {
        return stateDir.resolve(StoreFixtures.APPLICATION).resolve("pagebox");
    }

    private List<String> trees() {
        try (Pagebox pagebox =
                Pagebox.open(pageboxDirectory(), StoreFixtures.smallOptions().pagebox())) {
            return pagebox.trees();
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
