/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.testing.FaultInjectingFileSystem.CrashMode;
import dev.pagebox.testing.FaultInjectingFileSystem.Operation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture every crash test relies on must itself behave as documented. */
class FaultInjectingFileSystemTest {
    private static final Set<StandardOpenOption> RW =
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

    @TempDir
    Path directory;

    private final FaultInjectingFileSystem files = new FaultInjectingFileSystem(3);

    private static void write(FileChannel channel, long position, int length, int value) throws IOException {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        channel.write(ByteBuffer.wrap(bytes), position);
    }

    @Test
    void dropUnsyncedUndoesExactlyTheWritesAfterTheLastForce() throws IOException {
        Path file = directory.resolve("f");
        FileChannel channel = files.open(file, RW);
        write(channel, 0, 4096, 1);
        channel.force(false);
        write(channel, 1024, 1024, 2); // overwrite inside
        write(channel, 4096, 4096, 3); // append
        files.crash(CrashMode.DROP_UNSYNCED);

        byte[] after = Files.readAllBytes(file);
        assertThat(after).hasSize(4096);
        for (byte b : after) {
            assertThat(b).isEqualTo((byte) 1);
        }
        assertThatThrownBy(() -> write(channel, 0, 1, 9)).isInstanceOf(IOException.class);
    }

    @Test
    void writeOnlyChannelsKeepUndoRecordsAndDeletedFilesSurviveACrash() throws IOException {
        Path kept = directory.resolve("kept");
        Path deleted = directory.resolve("deleted");
        FileChannel writeOnly = files.open(kept, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        writeOnly.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
        writeOnly.force(false);
        writeOnly.write(ByteBuffer.wrap(new byte[] {9}), 0);
        FileChannel doomed = files.open(deleted, RW);
        doomed.write(ByteBuffer.wrap(new byte[] {7}), 0);
        doomed.close();
        Files.delete(deleted);

        files.crash(CrashMode.DROP_UNSYNCED);

        assertThat(Files.readAllBytes(kept)).containsExactly(1, 2, 3);
        assertThat(deleted).doesNotExist();
        assertThatThrownBy(() -> writeOnly.force(false))
                .as("a force after the crash must not report success")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("simulated crash");
    }

    @Test
    void keepAllKeepsEverything() throws IOException {
        Path file = directory.resolve("f");
        FileChannel channel = files.open(file, RW);
        write(channel, 0, 100, 5);
        files.crash(CrashMode.KEEP_ALL);
        assertThat(Files.readAllBytes(file)).hasSize(100).containsOnly((byte) 5);
    }

    @Test
    void tearKeepsSomeSectorsOfAnUnsyncedWrite() throws IOException {
        Path file = directory.resolve("f");
        FileChannel channel = files.open(file, RW);
        write(channel, 0, 64 * 512, 1);
        channel.force(false);
        write(channel, 0, 64 * 512, 2);
        files.crash(CrashMode.TEAR);
        byte[] after = Files.readAllBytes(file);
        int newSectors = 0;
        for (int sector = 0; sector < 64; sector++) {
            byte first = after[sector * 512];
            for (int i = 0; i < 512; i++) {
                assertThat(after[sector * 512 + i]).as("sectors are atomic").isEqualTo(first);
            }
            newSectors += first == 2 ? 1 : 0;
        }
        assertThat(newSectors).isBetween(1, 63);
    }

    @Test
    void rulesFailMatchingOperationsUntilRemoved() throws IOException {
        Path file = directory.resolve("f");
        FileChannel channel = files.open(file, RW);
        var rule = files.failWhen(Operation.FORCE, p -> p.equals(file), FaultInjectingFileSystem.ioError());
        assertThatThrownBy(() -> channel.force(false)).hasMessage("Input/output error");
        assertThat(rule.hits()).isEqualTo(1);
        rule.remove();
        channel.force(false);
        assertThat(files.forces()).isEqualTo(1);
    }

    @Test
    void diskFullAndTornWrites() throws IOException {
        Path file = directory.resolve("f");
        FileChannel channel = files.open(file, RW);
        files.diskFullAfter(1000);
        write(channel, 0, 1000, 1);
        assertThatThrownBy(() -> write(channel, 1000, 1, 1)).hasMessageContaining("No space left");
        files.clearFaults();
        files.tearWrites(p -> true, 10, FaultInjectingFileSystem.ioError());
        assertThatThrownBy(() -> write(channel, 0, 100, 7)).hasMessage("Input/output error");
        byte[] after = Files.readAllBytes(file);
        assertThat(after[9]).isEqualTo((byte) 7);
        assertThat(after[10]).isEqualTo((byte) 1);
    }
}
