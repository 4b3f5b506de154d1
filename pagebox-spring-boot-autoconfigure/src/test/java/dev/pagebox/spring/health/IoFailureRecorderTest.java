/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.FileChannelFactory;
import dev.pagebox.testing.FaultInjectingFileSystem;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoFailureRecorderTest {
    private static final Set<StandardOpenOption> READ_WRITE =
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

    @TempDir
    Path directory;

    private final FaultInjectingFileSystem files = new FaultInjectingFileSystem(1);
    private final IoFailureRecorder recorder = new IoFailureRecorder();
    private final FileChannelFactory channels = recorder.wrap(files);

    @Test
    void shouldForwardAndRecordNothingWhileIoSucceeds() throws IOException {
        Path file = directory.resolve("a");
        try (FileChannel channel = channels.open(file, READ_WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
            channel.force(false);
            ByteBuffer back = ByteBuffer.allocate(3);
            channel.read(back, 0);
            assertThat(back.array()).containsExactly(1, 2, 3);
            assertThat(channel.size()).isEqualTo(3);
        }
        assertThat(recorder.firstFailure()).isEmpty();
    }

    @Test
    void shouldRecordTheFirstFailedWriteOrSyncOnly() throws IOException {
        Path first = directory.resolve("first");
        Path second = directory.resolve("second");
        files.failWhen(Operation.FORCE, first::equals, FaultInjectingFileSystem.ioError());
        files.failWhen(Operation.WRITE, second::equals, FaultInjectingFileSystem.diskFull());
        try (FileChannel a = channels.open(first, READ_WRITE);
                FileChannel b = channels.open(second, READ_WRITE)) {
            assertThatThrownBy(() -> a.force(false)).hasMessage("Input/output error");
            assertThatThrownBy(() -> b.write(ByteBuffer.allocate(8), 0)).hasMessage("No space left on device");
        }

        IoFailureRecorder.IoFailure failure = recorder.firstFailure().orElseThrow();
        assertThat(failure.operation()).isEqualTo("sync");
        assertThat(failure.file()).isEqualTo(first);
        assertThat(failure).hasToString("sync of " + first + " failed: Input/output error");
    }

    @Test
    void shouldNotRecordFailedReads() throws IOException {
        Path file = directory.resolve("a");
        files.failWhen(Operation.READ, path -> true, FaultInjectingFileSystem.ioError());
        try (FileChannel channel = channels.open(file, READ_WRITE)) {
            assertThatThrownBy(() -> channel.read(ByteBuffer.allocate(8), 0)).isInstanceOf(IOException.class);
        }
        assertThat(recorder.firstFailure()).isEmpty();
    }
}
