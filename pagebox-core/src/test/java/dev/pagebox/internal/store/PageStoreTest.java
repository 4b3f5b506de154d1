/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CorruptPageException;
import dev.pagebox.DiskFullException;
import dev.pagebox.IncompatibleStoreException;
import dev.pagebox.StoreFailedException;
import dev.pagebox.StoreLockedException;
import dev.pagebox.internal.page.PageHeaderLayout;
import dev.pagebox.internal.page.PageIds;
import dev.pagebox.internal.page.PageType;
import dev.pagebox.internal.wal.RedoHolds;
import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.CrashMode;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageStoreTest {
    private static final int PAGE_SIZE = 4096;

    @TempDir
    Path directory;

    private final Arena arena = Arena.ofShared();
    private final FaultInjectingFileSystem files = new FaultInjectingFileSystem(42);

    @AfterEach
    void closeArena() {
        arena.close();
    }

    private PageStore open() {
        return PageStore.open(directory, new PageStoreConfig(PAGE_SIZE, false, files));
    }

    private MemorySegment page(long pageId, int fill) {
        MemorySegment page = arena.allocate(PAGE_SIZE, PAGE_SIZE);
        page.fill((byte) fill);
        PageHeaderLayout.initialize(page, pageId, PageType.BTREE_LEAF, 7);
        PageHeaderLayout.setPageLsn(page, 1000 + pageId);
        return page;
    }

    private MemorySegment read(PageStore store, long pageId) {
        MemorySegment buffer = arena.allocate(PAGE_SIZE, PAGE_SIZE);
        store.readPage(pageId, buffer);
        return buffer;
    }

    private static void assertContent(MemorySegment page, long pageId, int fill) {
        assertThat(PageHeaderLayout.pageId(page)).isEqualTo(pageId);
        assertThat(PageHeaderLayout.pageLsn(page)).isEqualTo(1000 + pageId);
        assertThat(PageHeaderLayout.treeId(page)).isEqualTo(7);
        assertThat(page.get(ValueLayout.JAVA_BYTE, PAGE_SIZE - 1)).isEqualTo((byte) fill);
    }

    @Test
    void pagesAndHeaderSurviveReopen() {
        List<Long> ids = new ArrayList<>();
        try (PageStore store = open()) {
            assertThat(store.created()).isTrue();
            for (int i = 0; i < 50; i++) {
                long id = store.allocator().allocate(RedoHolds.CLOSED);
                ids.add(id);
                store.writePage(id, page(id, i));
            }
            store.writeCheckpoint(777, ids.getFirst(), userMeta("hello"));
        }
        try (PageStore store = open()) {
            assertThat(store.created()).isFalse();
            assertThat(store.pageSize()).isEqualTo(PAGE_SIZE);
            assertThat(store.header().checkpointLsn()).isEqualTo(777);
            assertThat(store.header().catalogRootPageId()).isEqualTo(ids.getFirst());
            assertThat(new String(store.header().userMeta(), 0, 5)).isEqualTo("hello");
            for (int i = 0; i < ids.size(); i++) {
                assertContent(read(store, ids.get(i)), ids.get(i), i);
                assertThat(store.allocator().isFree(ids.get(i))).isFalse();
            }
        }
    }

    @Test
    void pageSizeIsFixedAtCreation() {
        open().close();
        assertThatThrownBy(() -> PageStore.open(directory, new PageStoreConfig(8192, false, files)))
                .isInstanceOf(IncompatibleStoreException.class)
                .hasMessageContaining("page size 4096")
                .hasMessageContaining("8192");
        // Page size 0 means "whatever the store has".
        try (PageStore store = PageStore.open(directory, new PageStoreConfig(0, false, files))) {
            assertThat(store.pageSize()).isEqualTo(PAGE_SIZE);
        }
    }

    @Test
    void aSecondOpenInTheSameProcessIsRefused() {
        PageStore first = open();
        try {
            assertThatThrownBy(this::open)
                    .isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining(directory.toString())
                    .hasMessageContaining(String.valueOf(ProcessHandle.current().pid()));
        } finally {
            first.close();
        }
        open().close(); // released on close
    }

    @Test
    void aTornPageWriteIsDetectedOnRead() {
        long id;
        try (PageStore store = open()) {
            id = store.allocator().allocate(RedoHolds.CLOSED);
            store.writePage(id, page(id, 1));
            store.writeCheckpoint(1, PageIds.NONE, userMeta(""));
            var tear = files.tearWrites(
                    path -> path.endsWith(PageStore.DATA_FILE), 1000, FaultInjectingFileSystem.ioError());
            assertThatThrownBy(() -> store.writePage(id, page(id, 2)))
                    .isInstanceOf(dev.pagebox.PageboxIoException.class)
                    .hasMessageContaining("page " + id);
            tear.remove();
            assertThatThrownBy(() -> read(store, id))
                    .isInstanceOfSatisfying(CorruptPageException.class, e -> assertThat(e.pageId())
                            .isEqualTo(id))
                    .hasMessageContaining("checksum mismatch");
        }
    }

    @Test
    void aPageWithAFlippedBitOnDiskIsCorrupt() throws Exception {
        long id;
        try (PageStore store = open()) {
            id = store.allocator().allocate(RedoHolds.CLOSED);
            store.writePage(id, page(id, 3));
            store.writeCheckpoint(1, PageIds.NONE, userMeta(""));
        }
        flipByte(PageIds.fileOffset(id, PAGE_SIZE) + 2000);
        try (PageStore store = open()) {
            assertThatThrownBy(() -> read(store, id)).isInstanceOf(CorruptPageException.class);
            MemorySegment buffer = arena.allocate(PAGE_SIZE, PAGE_SIZE);
            assertThat(store.tryReadPage(id, buffer)).isEqualTo(PageReadOutcome.CHECKSUM_MISMATCH);
        }
    }

    @Test
    void aPageWrittenAtTheWrongPlaceIsNotAccepted() {
        try (PageStore store = open()) {
            long a = store.allocator().allocate(RedoHolds.CLOSED);
            long b = store.allocator().allocate(RedoHolds.CLOSED);
            assertThatThrownBy(() -> store.writePage(b, page(a, 0))).isInstanceOf(IllegalArgumentException.class);
            MemorySegment buffer = arena.allocate(PAGE_SIZE, PAGE_SIZE);
            assertThat(store.tryReadPage(b, buffer)).isEqualTo(PageReadOutcome.NEVER_WRITTEN);
            assertThatThrownBy(() -> read(store, b)).hasMessageContaining("never written");
        }
    }

    @Test
    void aTornHeaderWriteFallsBackToThePreviousCopy() {
        long id;
        try (PageStore store = open()) {
            id = store.allocator().allocate(RedoHolds.CLOSED);
            store.writePage(id, page(id, 5));
            store.writeCheckpoint(100, id, userMeta("first"));
            // The next header write is torn after 100 bytes; the previous copy must still open the store.
            files.tearWrites(path -> path.endsWith(PageStore.DATA_FILE), 100, FaultInjectingFileSystem.ioError());
            assertThatThrownBy(() -> store.writeCheckpoint(200, id, userMeta("second")))
                    .isInstanceOf(dev.pagebox.PageboxException.class);
            files.clearFaults();
        }
        try (PageStore store = open()) {
            assertThat(store.header().checkpointLsn()).isEqualTo(100);
            assertThat(new String(store.header().userMeta(), 0, 5)).isEqualTo("first");
            assertContent(read(store, id), id, 5);
            // And the store carries on: the next checkpoint overwrites the torn copy.
            store.writeCheckpoint(300, id, userMeta("third"));
        }
        try (PageStore store = open()) {
            assertThat(store.header().checkpointLsn()).isEqualTo(300);
        }
    }

    @Test
    void bothHeaderCopiesDamagedIsReportedAsCorrupt() throws Exception {
        try (PageStore store = open()) {
            for (int i = 0; i < 40; i++) {
                long id = store.allocator().allocate(RedoHolds.CLOSED);
                store.writePage(id, page(id, i));
            }
            store.writeCheckpoint(5, PageIds.NONE, userMeta(""));
            store.writeCheckpoint(6, PageIds.NONE, userMeta(""));
        }
        flipByte(10);
        flipByte(PAGE_SIZE + 10);
        assertThatThrownBy(this::open)
                .isInstanceOf(dev.pagebox.CorruptStoreException.class)
                .hasMessageContaining("neither header copy");
    }

    @Test
    void diskFullFailsTheAllocationCleanlyAndTheStoreReopensIntact() {
        List<Long> ids = new ArrayList<>();
        try (PageStore store = open()) {
            long id = store.allocator().allocate(RedoHolds.CLOSED);
            ids.add(id);
            store.writePage(id, page(id, 9));
            store.writeCheckpoint(10, id, userMeta(""));
            files.diskFullAfter(0);
            // Allocate until the first extent is used up and the file must grow.
            assertThatThrownBy(() -> {
                        while (true) {
                            long next = store.allocator().allocate(RedoHolds.CLOSED);
                            ids.add(next);
                        }
                    })
                    .isInstanceOf(DiskFullException.class)
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining(PageStore.DATA_FILE);
            assertThat(store.failure()).as("ENOSPC on a write does not fence").isEmpty();
            long pagesBefore = store.allocator().pageCount();
            assertThatThrownBy(() -> store.allocator().allocate(RedoHolds.CLOSED))
                    .isInstanceOf(DiskFullException.class);
            assertThat(store.allocator().pageCount())
                    .as("a failed growth changes nothing")
                    .isEqualTo(pagesBefore);
            files.clearFaults();
        }
        try (PageStore store = open()) {
            assertContent(read(store, ids.getFirst()), ids.getFirst(), 9);
            assertThat(store.header().checkpointLsn()).isEqualTo(10);
        }
    }

    @Test
    void aFailedSyncFencesTheStoreAndIsNeverRetried() {
        try (PageStore store = open()) {
            long id = store.allocator().allocate(RedoHolds.CLOSED);
            store.writePage(id, page(id, 1));
            var rule = files.failWhen(Operation.FORCE, path -> true, FaultInjectingFileSystem.ioError());
            assertThatThrownBy(store::sync)
                    .isInstanceOf(StoreFailedException.class)
                    .hasMessageContaining("fenced")
                    .hasRootCauseMessage("Input/output error");
            rule.remove(); // the disk "recovers": the store must not believe it
            long forces = files.forces();
            assertThatThrownBy(store::sync).isInstanceOf(StoreFailedException.class);
            assertThatThrownBy(() -> store.writeCheckpoint(1, id, userMeta("")))
                    .isInstanceOf(StoreFailedException.class);
            assertThatThrownBy(() -> store.writePage(id, page(id, 2))).isInstanceOf(StoreFailedException.class);
            assertThat(files.forces()).as("no fsync after the failure").isEqualTo(forces);
            assertThat(rule.hits()).isEqualTo(1);
            assertThat(store.failure()).isPresent();
            assertContent(read(store, id), id, 1); // reads keep working
        }
    }

    @Test
    void freedPagesAreReusedAfterReopen() {
        long freed;
        try (PageStore store = open()) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(store.allocator().allocate(RedoHolds.CLOSED));
            }
            freed = ids.get(3);
            store.allocator().free(freed);
            assertThatThrownBy(() -> store.allocator().free(freed)).isInstanceOf(IllegalStateException.class);
            store.writeCheckpoint(1, PageIds.NONE, userMeta(""));
        }
        try (PageStore store = open()) {
            assertThat(store.allocator().isFree(freed)).isTrue();
            assertThat(store.allocator().allocate(RedoHolds.CLOSED)).isEqualTo(freed);
        }
    }

    @Test
    void theFileGrowsByExtentsAndShrinksWhenTheTailIsFreed() throws Exception {
        Path dataFile = directory.resolve(PageStore.DATA_FILE);
        try (PageStore store = open()) {
            assertThat(Files.size(dataFile))
                    .as("a new store is its two header pages")
                    .isEqualTo(2L * PAGE_SIZE);
            List<Long> ids = new ArrayList<>();
            ids.add(store.allocator().allocate(RedoHolds.CLOSED));
            store.writePage(ids.getFirst(), page(ids.getFirst(), 0));
            long extent = Files.size(dataFile) / PAGE_SIZE;
            assertThat(extent).as("the first extent is 1 MiB").isEqualTo(PageIds.FIRST_DATA + (1 << 20) / PAGE_SIZE);
            for (int i = 1; i < 3000; i++) {
                long id = store.allocator().allocate(RedoHolds.CLOSED);
                ids.add(id);
                if (i % 100 == 0) {
                    store.writePage(id, page(id, i));
                }
            }
            long grown = Files.size(dataFile);
            assertThat(grown).isGreaterThanOrEqualTo(3002L * PAGE_SIZE);
            assertThat(files.forces()).isPositive();
            for (long id : ids.subList(10, ids.size())) {
                store.allocator().free(id);
            }
            store.writeCheckpoint(1, PageIds.NONE, userMeta(""));
            assertThat(Files.size(dataFile))
                    .as("the free tail is given back at the checkpoint")
                    .isEqualTo(extent * PAGE_SIZE);
            assertContent(read(store, ids.getFirst()), ids.getFirst(), 0);
        }
    }

    @Test
    void aCrashKeepsEverythingUpToTheLastCheckpoint() throws Exception {
        List<Long> ids = new ArrayList<>();
        PageStore store = open();
        for (int i = 0; i < 20; i++) {
            long id = store.allocator().allocate(RedoHolds.CLOSED);
            ids.add(id);
            store.writePage(id, page(id, i));
        }
        store.writeCheckpoint(50, ids.getFirst(), userMeta("durable"));
        // Unsynced changes after the checkpoint: overwritten pages and a new checkpoint that never reached disk.
        for (long id : ids) {
            store.writePage(id, page(id, 0x77));
        }
        files.crash(CrashMode.DROP_UNSYNCED);
        store.close();
        try (PageStore reopened = open()) {
            assertThat(reopened.header().checkpointLsn()).isEqualTo(50);
            for (int i = 0; i < ids.size(); i++) {
                assertContent(read(reopened, ids.get(i)), ids.get(i), i);
            }
        }
    }

    @Test
    void aTornCrashLeavesEachPageEitherOldNewOrDetectablyCorrupt() throws Exception {
        List<Long> ids = new ArrayList<>();
        PageStore store = open();
        for (int i = 0; i < 64; i++) {
            long id = store.allocator().allocate(RedoHolds.CLOSED);
            ids.add(id);
            store.writePage(id, page(id, 1));
        }
        store.writeCheckpoint(50, PageIds.NONE, userMeta(""));
        for (long id : ids) {
            store.writePage(id, page(id, 2));
        }
        files.crash(CrashMode.TEAR);
        store.close();
        int torn = 0;
        try (PageStore reopened = open()) {
            MemorySegment buffer = arena.allocate(PAGE_SIZE, PAGE_SIZE);
            for (long id : ids) {
                PageReadOutcome outcome = reopened.tryReadPage(id, buffer);
                if (outcome == PageReadOutcome.VALID) {
                    byte fill = buffer.get(ValueLayout.JAVA_BYTE, PAGE_SIZE - 1);
                    assertThat(fill).isIn((byte) 1, (byte) 2);
                    assertThat(buffer.get(ValueLayout.JAVA_BYTE, PageHeaderLayout.SIZE))
                            .isEqualTo(fill);
                } else {
                    assertThat(outcome).isEqualTo(PageReadOutcome.CHECKSUM_MISMATCH);
                    torn++;
                }
            }
        }
        assertThat(torn)
                .as("with 8 sectors per page, a random tear damages most pages")
                .isPositive();
    }

    private void flipByte(long offset) throws Exception {
        Path file = directory.resolve(PageStore.DATA_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x40;
        Files.write(file, bytes);
    }

    private static byte[] userMeta(String text) {
        byte[] meta = new byte[StoreHeader.USER_META_BYTES];
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, meta, 0, bytes.length);
        return meta;
    }
}
