/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import dev.pagebox.testing.SmallStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A full disk on each write path in turn (the fault-injecting file system fails that path's writes with
 * {@code ENOSPC} and reports no free space): the store says so ({@code DISK_FULL}, {@code failure()}, one WARNING
 * without a stack trace), writes fail fast with {@link DiskFullException} naming the file, reads go on, writes
 * resume without a reopen once there is room, close does not throw, and every acknowledged write is there after a
 * reopen.
 */
class DiskFullTest {
    @TempDir
    Path directory;

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(record);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    /** Where the disk fills up. */
    enum FullOn {
        /** Writes into the live log segment. */
        LOG_SEGMENT(path -> name(path).startsWith("wal-") && name(path).endsWith(".log")),
        /** Creating the next log segment (the spare, or the flusher's own). */
        SEGMENT_PREPARATION(path -> name(path).endsWith(".tmp")),
        /** The data file: page write-back during eviction, overflow pages, growth. */
        DATA_FILE(path -> name(path).equals("pagebox.pages")),
        /** The checkpoint's free-space snapshot. */
        CHECKPOINT(path -> name(path).startsWith("pagebox.free."));

        final Predicate<Path> files;

        FullOn(Predicate<Path> files) {
            this.files = files;
        }

        private static String name(Path path) {
            return path.getFileName().toString();
        }
    }

    @BeforeEach
    void captureWarnings() {
        Logger.getLogger("dev.pagebox").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("dev.pagebox").removeHandler(capture);
    }

    @ParameterizedTest
    @EnumSource(FullOn.class)
    void aFullDiskStopsWritesOnlyAndLosesNothing(FullOn path) {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(path.ordinal());
        PageboxOptions options = SmallStores.options(32)
                .channels(files)
                .checkpointWalSize(64L << 20)
                .checkpointInterval(Duration.ZERO)
                .build();
        Map<String, byte[]> acknowledged = new HashMap<>();
        SplittableRandom random = new SplittableRandom(path.ordinal());
        String inDoubt;
        try (Pagebox store = Pagebox.open(directory, options)) {
            PageboxTree tree = store.tree("t");
            for (int i = 0; i < 400; i++) {
                put(tree, "k" + i, random, acknowledged);
            }
            store.checkpoint();
            synchronized (warnings) {
                warnings.clear();
            }
            FaultInjectingFileSystem.Rule full =
                    files.failWhen(Operation.WRITE, path.files, FaultInjectingFileSystem.diskFull());

            DiskFullException failure = null;
            inDoubt = null;
            for (int i = 0; failure == null && i < 100_000; i++) {
                String key = "more" + i;
                try {
                    if (path == FullOn.CHECKPOINT && i % 50 == 49) {
                        store.checkpoint();
                    }
                    put(tree, key, random, acknowledged);
                } catch (DiskFullException e) {
                    failure = e;
                    inDoubt = key;
                }
            }
            assertThat(failure).as("the disk filled up").isNotNull();
            assertThat(failure).hasMessageContaining(directory.toString());
            assertThat(store.state()).isEqualTo(PageboxState.DISK_FULL);
            assertThat(store.isHealthy()).isFalse();
            assertThat(store.failure())
                    .hasValueSatisfying(cause -> assertThat(cause).isInstanceOf(DiskFullException.class));
            assertThatThrownBy(() -> tree.put(bytes("refused"), bytes("x")))
                    .as("writes fail fast while the disk is full")
                    .isInstanceOf(DiskFullException.class)
                    .hasMessageContaining("No space left on device");
            assertThatThrownBy(() -> store.write(new WriteBatch().put(tree, bytes("b"), bytes("x"))))
                    .isInstanceOf(DiskFullException.class);
            acknowledged.remove(inDoubt);
            checkReads(tree, acknowledged, inDoubt);
            checkOneWarning();

            full.remove(); // room again: the next write finds it, without a reopen
            await().atMost(Duration.ofSeconds(10))
                    .ignoreException(DiskFullException.class)
                    .until(() -> {
                        tree.put(bytes("resumed"), bytes("yes"));
                        return true;
                    });
            acknowledged.put("resumed", bytes("yes"));
            assertThat(store.state()).isEqualTo(PageboxState.HEALTHY);
            for (int i = 0; i < 50; i++) {
                put(tree, "after" + i, random, acknowledged);
            }
        }
        try (Pagebox store = Pagebox.open(
                directory,
                options.toBuilder().channels(FileChannelFactory.DEFAULT).build())) {
            checkReads(store.tree("t"), acknowledged, inDoubt);
        }
    }

    @ParameterizedTest
    @EnumSource(FullOn.class)
    void closingOnAFullDiskKeepsEveryAcknowledgedWriteForTheNextOpen(FullOn path) {
        FaultInjectingFileSystem files = new FaultInjectingFileSystem(10 + path.ordinal());
        PageboxOptions options = SmallStores.options(32)
                .channels(files)
                .checkpointWalSize(64L << 20)
                .checkpointInterval(Duration.ZERO)
                .build();
        Map<String, byte[]> acknowledged = new HashMap<>();
        SplittableRandom random = new SplittableRandom(10 + path.ordinal());
        String inDoubt = null;
        Pagebox store = Pagebox.open(directory, options);
        PageboxTree tree = store.tree("t");
        for (int i = 0; i < 300; i++) {
            put(tree, "k" + i, random, acknowledged);
        }
        files.failWhen(Operation.WRITE, path.files, FaultInjectingFileSystem.diskFull());
        for (int i = 0; i < 100_000 && inDoubt == null; i++) {
            try {
                if (path == FullOn.CHECKPOINT && i % 50 == 49) {
                    store.checkpoint();
                }
                put(tree, "more" + i, random, acknowledged);
            } catch (DiskFullException e) {
                inDoubt = "more" + i;
            }
        }
        assertThat(inDoubt).as("the disk filled up").isNotNull();
        acknowledged.remove(inDoubt);
        store.close(); // says what it could not do in a WARNING; no exception hides that the data is safe
        assertThat(store.state()).isEqualTo(PageboxState.CLOSED);

        files.clearFaults();
        try (Pagebox reopened = Pagebox.open(
                directory,
                options.toBuilder().channels(FileChannelFactory.DEFAULT).build())) {
            checkReads(reopened.tree("t"), acknowledged, inDoubt);
        }
    }

    private static void put(PageboxTree tree, String key, SplittableRandom random, Map<String, byte[]> acknowledged) {
        byte[] value = new byte[random.nextInt(10) == 0 ? 3_000 + random.nextInt(5_000) : 50 + random.nextInt(1_000)];
        random.nextBytes(value);
        tree.put(bytes(key), value, CommitMode.STRICT);
        acknowledged.put(key, value);
    }

    /** Every acknowledged write reads back (evicting clean pages as needed); the one in doubt either way. */
    private static void checkReads(PageboxTree tree, Map<String, byte[]> acknowledged, String inDoubt) {
        for (Map.Entry<String, byte[]> entry : acknowledged.entrySet()) {
            assertThat(tree.get(bytes(entry.getKey())))
                    .as("acknowledged %s", entry.getKey())
                    .isEqualTo(entry.getValue());
        }
        int[] count = {0};
        tree.range(null, null, (key, value) -> {
            String name = new String(key, StandardCharsets.UTF_8);
            assertThat(acknowledged.containsKey(name) || name.equals(inDoubt))
                    .as("key %s", name)
                    .isTrue();
            count[0]++;
            return true;
        });
        assertThat(count[0]).isBetween(acknowledged.size(), acknowledged.size() + 1);
    }

    /** The episode is one WARNING line, and nothing logs a stack trace about it. */
    private void checkOneWarning() {
        synchronized (warnings) {
            assertThat(warnings)
                    .as(
                            "warnings: %s",
                            warnings.stream().map(LogRecord::getMessage).toList())
                    .filteredOn(record -> record.getLoggerName().endsWith("DiskSpace"))
                    .hasSize(1);
            assertThat(warnings).allSatisfy(record -> assertThat(record.getThrown())
                    .as("%s: %s", record.getLoggerName(), record.getMessage())
                    .isNull());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
