/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import static dev.pagebox.internal.wal.WalTesting.appendUntilSpareIsDue;
import static dev.pagebox.internal.wal.WalTesting.segment;
import static dev.pagebox.internal.wal.WalTesting.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.CommitMode;
import dev.pagebox.FileChannelFactory;
import dev.pagebox.StoreFailedException;
import dev.pagebox.testing.ForwardingFileChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalSpareTest {
    @TempDir
    Path directory;

    /**
     * Zero-filling the next segment takes a while on a real disk. Here it does not finish until the test lets it:
     * commits must become durable meanwhile, within the current segment and across the next ones, whose files
     * the flusher then creates itself.
     */
    @Test
    void commitsGoOnWhileTheNextSegmentIsBeingPrepared() throws Exception {
        CountDownLatch preparing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FileChannelFactory slowSpares = new FileChannelFactory() {
            @Override
            public FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException {
                FileChannel channel = FileChannelFactory.DEFAULT.open(path, options);
                boolean spare = path.getFileName().toString().endsWith(".spare.tmp");
                return spare ? new HeldWrites(channel) : channel;
            }

            final class HeldWrites extends ForwardingFileChannel {
                HeldWrites(FileChannel channel) {
                    super(channel);
                }

                @Override
                public int write(ByteBuffer source) throws IOException {
                    hold();
                    return super.write(source);
                }

                @Override
                public int write(ByteBuffer source, long position) throws IOException {
                    hold();
                    return super.write(source, position);
                }

                private void hold() throws IOException {
                    preparing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
            }
        };
        try (Wal wal = Wal.open(smallConfig(directory, slowSpares))) {
            try {
                appendUntilSpareIsDue(wal, 16 * 1024, 0);
                assertThat(preparing.await(30, TimeUnit.SECONDS))
                        .as("the spare is being prepared")
                        .isTrue();

                CompletableFuture<Long> commits = CompletableFuture.supplyAsync(() -> {
                    long lsn = 0;
                    for (int i = 0; i < 20; i++) {
                        lsn = wal.append(1, segment(new byte[100]), CommitMode.STRICT);
                    }
                    return lsn;
                });
                long last = commits.get(30, TimeUnit.SECONDS); // with the fill on the flusher: no sync, no return
                assertThat(wal.durableLsn()).isGreaterThan(last);

                CompletableFuture<Long> acrossSegments = CompletableFuture.supplyAsync(() -> {
                    long lsn = 0;
                    while (wal.endLsn() < 3 * 16 * 1024) {
                        lsn = wal.append(1, segment(new byte[1000]), CommitMode.STRICT);
                    }
                    return lsn;
                });
                // with the fill holding the segment files' lock: the first activation waits for it
                last = acrossSegments.get(30, TimeUnit.SECONDS);
                assertThat(wal.durableLsn()).isGreaterThan(last);
            } finally {
                release.countDown(); // before close, which waits for the spare
            }
        }
    }

    /**
     * A fenced log syncs nothing more: a spare whose fill was under way when a log sync failed is dropped, neither
     * synced nor renamed into place.
     */
    @Test
    void aSpareBeingFilledWhenTheLogIsFencedIsDroppedUnsynced() throws Exception {
        CountDownLatch filling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean failSegmentSyncs = new AtomicBoolean();
        AtomicInteger spareSyncs = new AtomicInteger();
        FileChannelFactory files = (path, options) -> {
            FileChannel channel = FileChannelFactory.DEFAULT.open(path, options);
            boolean spare = path.getFileName().toString().endsWith(".spare.tmp");
            return new ForwardingFileChannel(channel) {
                @Override
                public int write(ByteBuffer source, long position) throws IOException {
                    if (spare) {
                        filling.countDown();
                        awaitQuietly(release);
                    }
                    return super.write(source, position);
                }

                @Override
                public void force(boolean metaData) throws IOException {
                    if (spare) {
                        spareSyncs.incrementAndGet();
                    } else if (failSegmentSyncs.get()
                            && SegmentFiles.startOf(path).isPresent()) {
                        throw new IOException("Input/output error");
                    }
                    super.force(metaData);
                }
            };
        };
        Wal wal = Wal.open(smallConfig(directory, files));
        long segmentsBefore;
        try {
            appendUntilSpareIsDue(wal, 16 * 1024, 0);
            assertThat(filling.await(30, TimeUnit.SECONDS))
                    .as("the spare is being filled")
                    .isTrue();
            failSegmentSyncs.set(true);
            assertThatThrownBy(() -> wal.append(1, segment(new byte[100]), CommitMode.STRICT))
                    .isInstanceOf(StoreFailedException.class);
            segmentsBefore = segmentFiles();
        } finally {
            release.countDown();
        }
        assertThatThrownBy(wal::close).isInstanceOf(StoreFailedException.class); // waits for the spare's thread

        assertThat(spareSyncs).as("syncs of the spare after the fence").hasValue(0);
        assertThat(segmentFiles()).as("no spare renamed into place").isEqualTo(segmentsBefore);
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left.filter(path -> path.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> SegmentFiles.startOf(path).isPresent()).count();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A store opened to be read, e.g. by one command-line {@code get}, must not write a whole spare segment. */
    @Test
    void aLogBarelyWrittenPreparesNoSpare() {
        AtomicInteger filled = new AtomicInteger();
        FileChannelFactory counting = (path, options) -> {
            if (path.getFileName().toString().endsWith(".tmp")) {
                filled.incrementAndGet();
            }
            return FileChannelFactory.DEFAULT.open(path, options);
        };
        try (Wal wal = Wal.open(smallConfig(directory, counting))) {
            wal.append(1, segment(new byte[100]), CommitMode.STRICT);
        } // close runs every spare request made before it
        assertThat(filled).as("zero-filled files: only the first segment").hasValue(1);

        try (Wal wal = Wal.open(smallConfig(directory, counting))) {
            wal.append(1, segment(new byte[100]), CommitMode.STRICT);
        }
        assertThat(filled).as("a reopen that writes a little fills nothing").hasValue(1);
    }
}
