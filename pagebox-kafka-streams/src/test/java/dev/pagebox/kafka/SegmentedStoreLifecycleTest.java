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
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of window and session stores with Kafka Streams: segment trees in the instance's shared Pagebox, dropped
 * whole as they expire; the stream time kept with the offsets; wiped task directories, the sweep, crashes under
 * exactly-once, restoration in batches, a changed segment interval, commits larger than one batch.
 */
class SegmentedStoreLifecycleTest {
    private static final TopicPartition CHANGELOG = new TopicPartition("app-windows-changelog", 0);
    private static final long RETENTION = 1000;
    private static final long SEGMENT = 250;

    @TempDir
    Path stateDir;

    @AfterEach
    void everyPageboxClosed() {
        assertThat(SharedPagebox.openCount()).as("every shared Pagebox closed").isZero();
    }

    private PageboxWindowStore window(Properties config) {
        return window(SEGMENT, new TaskId(0, 0), config);
    }

    private PageboxWindowStore window(long segmentInterval, TaskId task, Properties config) {
        PageboxWindowStore store =
                new PageboxWindowStore("windows", RETENTION, segmentInterval, 100, false, StoreFixtures.smallOptions());
        StoreFixtures.init(store, stateDir, task, config);
        return store;
    }

    private PageboxSessionStore session(Properties config) {
        PageboxSessionStore store =
                new PageboxSessionStore("sessions", RETENTION, SEGMENT, StoreFixtures.smallOptions());
        StoreFixtures.init(store, stateDir, new TaskId(0, 0), config);
        return store;
    }

    @Test
    void expiredSegmentsAreDroppedAtCommitAndTheStreamTimeSurvivesReopen() {
        PageboxKeyValueStore keyValue = StoreFixtures.open("kv", stateDir, new Properties());
        PageboxWindowStore store = window(new Properties());
        for (long start = 0; start < 2000; start += 100) {
            store.put(key("k"), value("v" + start), start);
        }
        assertThat(segments("win/0_0/windows"))
                .as("one tree per 250 ms of window starts")
                .hasSize(8);
        assertThat(store.fetch(key("k"), 1000))
                .as("1900 - 1000 = 900 expired, 1000 live")
                .isEqualTo(value("v1000"));
        assertThat(store.fetch(key("k"), 900)).isNull();
        store.commit(Map.of(CHANGELOG, 20L));
        assertThat(segments("win/0_0/windows"))
                .as("segments 0..2 (starts up to 749) dropped; 3 (750..999) holds live times")
                .containsExactly(
                        "win/0_0/windows@3",
                        "win/0_0/windows@4",
                        "win/0_0/windows@5",
                        "win/0_0/windows@6",
                        "win/0_0/windows@7");
        store.close();
        keyValue.close();

        PageboxWindowStore reopened = window(new Properties());
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(20L);
        assertThat(IteratorContract.drain(reopened.fetch(key("k"), 0, 5000)))
                .as("the stream time came back with the offsets: nothing expired reappears")
                .extracting(entry -> entry.key)
                .containsExactly(1000L, 1100L, 1200L, 1300L, 1400L, 1500L, 1600L, 1700L, 1800L, 1900L);
        reopened.put(key("k"), value("late"), 900);
        assertThat(reopened.fetch(key("k"), 950))
                .as("a put of an expired window is skipped")
                .isNull();
        reopened.close();
    }

    @Test
    void aWipedTaskDirectoryDropsEverySegment() throws IOException {
        PageboxWindowStore store = window(new Properties());
        store.put(key("a"), value("1"), 10);
        store.put(key("a"), value("2"), 600);
        store.commit(Map.of(CHANGELOG, 2L));
        store.close();
        delete(StoreFixtures.taskDirectory(stateDir, new TaskId(0, 0)));

        PageboxWindowStore reopened = window(new Properties());
        assertThat(reopened.committedOffset(CHANGELOG)).isNull();
        assertThat(IteratorContract.drain(reopened.all())).isEmpty();
        assertThat(reopened.segmentCount()).isZero();
        reopened.close();
        assertThat(segments("win/0_0/windows")).isEmpty();
    }

    @Test
    void segmentsOfTasksWhoseDirectoriesKafkaDeletedAreSwept() throws IOException {
        PageboxWindowStore kept = window(SEGMENT, new TaskId(0, 0), new Properties());
        PageboxWindowStore moved = window(SEGMENT, new TaskId(0, 1), new Properties());
        moved.put(key("a"), value("1"), 10);
        moved.put(key("a"), value("2"), 300);
        moved.commit(Map.of());
        moved.close();
        assertThat(openSegments("win/0_1/windows")).hasSize(2);
        delete(StoreFixtures.taskDirectory(stateDir, new TaskId(0, 1))); // the cleaner, after the task moved away
        PageboxSessionStore other = session(new Properties());
        other.close(); // a store closing while others stay open sweeps
        assertThat(openSegments("win/0_1/windows")).isEmpty();
        assertThat(openSegments("ses/0_0/sessions")).isEmpty();
        kept.close();
    }

    @Test
    void underExactlyOnceAWindowStoreWrittenSinceItsLastCommitIsEmptied() {
        Properties config = StoreFixtures.exactlyOnce();
        PageboxWindowStore store = window(config);
        store.put(key("a"), value("1"), 10);
        store.commit(Map.of(CHANGELOG, 1L));
        store.put(key("b"), value("2"), 400);
        store.close(); // a crash: no commit since the last write

        PageboxWindowStore reopened = window(config);
        assertThat(reopened.committedOffset(CHANGELOG)).isNull();
        assertThat(IteratorContract.drain(reopened.all())).isEmpty();
        assertThat(segments("win/0_0/windows")).isEmpty();
        reopened.close();
    }

    @Test
    void restorationWritesChangelogRecordsToTheirSegmentsAndSkipsExpiredOnes() {
        PageboxWindowStore store = window(new Properties());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byte[] windowKey = WindowKeys.encode(value("k" + (i % 3)), i * 100L, 0);
            records.add(new ConsumerRecord<>(CHANGELOG.topic(), 0, 500 + i, windowKey, value("v" + i)));
        }
        records.add(new ConsumerRecord<>(
                CHANGELOG.topic(), 0, 530, WindowKeys.encode(value("k1"), 2800, 0), null)); // a tombstone
        store.restoreBatch(records);
        assertThat(store.committedOffset(CHANGELOG))
                .as("the records wait in the restore buffer")
                .isNull();
        assertThat(store.segmentCount())
                .as("written after the stream time moved over the whole buffer: no tree for segment 7, whose only"
                        + " record (1900) had expired, and segments wholly before 2900 - 1000 dropped")
                .isEqualTo(4);
        assertThat(store.committedOffset(CHANGELOG)).isEqualTo(530L);
        store.close();

        PageboxWindowStore reopened = window(new Properties());
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(530L);
        List<String> restored = new ArrayList<>();
        IteratorContract.drain(reopened.all())
                .forEach(entry -> restored.add(new String(entry.key.key().get()) + "@"
                        + entry.key.window().start()));
        assertThat(restored)
                .as("live: starts 2000..2900 (stream time 2900), without the deleted one, in segment and key order")
                .containsExactly(
                        "k0@2100", "k1@2200", "k2@2000", // segment 8: 2000..2249
                        "k0@2400", "k2@2300", // segment 9
                        "k0@2700", "k1@2500", "k2@2600", // segment 10 (k1@2800 deleted)
                        "k2@2900");
        reopened.close();
    }

    @Test
    void closingWindowAndSessionStoresClosesTheirIterators() {
        PageboxWindowStore window = window(new Properties());
        PageboxSessionStore session = session(new Properties());
        window.put(key("a"), value("1"), 10);
        window.put(key("a"), value("2"), 300);
        session.put(new Windowed<>(key("a"), new SessionWindow(0, 10)), value("1"));
        session.put(new Windowed<>(key("b"), new SessionWindow(0, 300)), value("2"));
        WindowStoreIterator<byte[]> single = window.fetch(key("a"), 0, 1000);
        KeyValueIterator<Windowed<Bytes>, byte[]> all = window.all();
        KeyValueIterator<Windowed<Bytes>, byte[]> sessions = session.fetch(null, null);
        assertThat(single.next().value).isEqualTo(value("1"));
        assertThat(all.hasNext()).isTrue();
        assertThat(sessions.next().key.key()).isEqualTo(key("a"));
        assertThat(window.openIterators()).isEqualTo(2);
        assertThat(session.openIterators()).isEqualTo(1);

        window.close();
        session.close();

        assertThat(window.openIterators()).isZero();
        assertThat(session.openIterators()).isZero();
        assertThatThrownBy(single::hasNext).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(all::hasNext).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(sessions::hasNext).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(() -> window.fetch(key("a"), 10)).isInstanceOf(InvalidStateStoreException.class);
    }

    @Test
    void aChangedSegmentIntervalEmptiesTheStoreSoThatItRestores() {
        PageboxWindowStore store = window(new Properties());
        store.put(key("a"), value("1"), 10);
        store.commit(Map.of(CHANGELOG, 1L));
        store.close();

        PageboxWindowStore reopened = window(100, new TaskId(0, 0), new Properties());
        assertThat(reopened.committedOffset(CHANGELOG)).isNull();
        assertThat(reopened.fetch(key("a"), 10)).isNull();
        reopened.close();
    }

    @Test
    void aTransactionalCommitLargerThanOneBatchReachesEverySegment() {
        Properties config = StoreFixtures.transactional();
        PageboxWindowStore store = window(config);
        for (int i = 0; i < 600; i++) {
            store.put(key(String.format("k%04d", i)), new byte[1000], (i % 8) * 100L);
        }
        assertThat(store.segmentCount()).as("staged: no tree yet").isZero();
        store.commit(Map.of(CHANGELOG, 600L));
        store.close();

        PageboxWindowStore reopened = window(config);
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(600L);
        assertThat(IteratorContract.drain(reopened.all())).hasSize(600);
        assertThat(reopened.segmentCount()).isEqualTo(3);
        reopened.close();
    }

    @Test
    void sessionsRestoreMergeAndExpireAcrossReopen() {
        PageboxSessionStore store = session(new Properties());
        Windowed<Bytes> first = new Windowed<>(key("user"), new SessionWindow(0, 100));
        Windowed<Bytes> second = new Windowed<>(key("user"), new SessionWindow(150, 300));
        store.restoreBatch(List.of(
                new ConsumerRecord<>(CHANGELOG.topic(), 0, 1, SessionKeys.encode(first), value("2")),
                new ConsumerRecord<>(CHANGELOG.topic(), 0, 2, SessionKeys.encode(second), value("3"))));
        Windowed<Bytes> merged = new Windowed<>(key("user"), new SessionWindow(0, 300));
        store.remove(first);
        store.remove(second);
        store.put(merged, value("5"));
        store.put(new Windowed<>(key("other"), new SessionWindow(1200, 1250)), value("1"));
        store.commit(Map.of(CHANGELOG, 4L));
        store.close();

        PageboxSessionStore reopened = session(new Properties());
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(4L);
        assertThat(reopened.fetchSession(key("user"), 0, 300))
                .as("ends at 300 > 1250 - 1000: live")
                .isEqualTo(value("5"));
        assertThat(IteratorContract.describe(IteratorContract.drain(reopened.fetch(key("user")))))
                .hasSize(1);
        reopened.put(new Windowed<>(key("other"), new SessionWindow(1500, 1500)), value("1"));
        assertThat(reopened.fetchSession(key("user"), 0, 300))
                .as("300 <= 1500 - 1000: expired")
                .isNull();
        reopened.commit(Map.of());
        assertThat(openSegments("ses/0_0/sessions"))
                .as("the segment of ends 250..499 is dropped once all of them have expired")
                .containsExactly("ses/0_0/sessions@5", "ses/0_0/sessions@6");
        reopened.close();
    }

    private List<String> segments(String family) {
        try (Pagebox pagebox =
                Pagebox.open(pageboxDirectory(), StoreFixtures.smallOptions().pagebox())) {
            return pagebox.trees().stream()
                    .filter(tree -> family.equals(TreeNames.familyOf(tree)))
                    .sorted(Comparator.comparingLong(tree -> TreeNames.segmentOf(family, tree)))
                    .toList();
        } catch (dev.pagebox.StoreLockedException e) {
            return openSegments(family);
        }
    }

    /** The segment trees of a family while the shared Pagebox is open in this JVM. */
    private List<String> openSegments(String family) {
        SharedPagebox shared = SharedPagebox.acquire(pageboxDirectory(), StoreFixtures.smallOptions());
        try {
            return shared.treesOf(family).stream()
                    .sorted(Comparator.comparingLong(tree -> TreeNames.segmentOf(family, tree)))
                    .toList();
        } finally {
            shared.release();
        }
    }

    private Path pageboxDirectory() {
        return stateDir.resolve(StoreFixtures.APPLICATION).resolve("pagebox");
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
