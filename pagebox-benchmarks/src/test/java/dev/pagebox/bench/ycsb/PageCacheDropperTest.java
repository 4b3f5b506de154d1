/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageCacheDropperTest {
    @TempDir
    Path directory;

    @Test
    void droppingTheCacheKeepsTheFilesIntact() throws IOException {
        byte[] content = new byte[1 << 20];
        new Random(5).nextBytes(content);
        Files.createDirectories(directory.resolve("sub"));
        Files.write(directory.resolve("a"), content);
        Files.write(directory.resolve("sub/b"), content);

        assertThat(PageCacheDropper.drop(directory)).isNotEqualTo(PageCacheDropper.Method.NONE);
        assertThat(PageCacheDropper.fadvise(PageCacheDropper.filesUnder(directory)))
                .isTrue();

        assertThat(Files.readAllBytes(directory.resolve("a"))).isEqualTo(content);
        assertThat(Files.readAllBytes(directory.resolve("sub/b"))).isEqualTo(content);
    }

    @Test
    void fadviseOnAMissingFileFails() {
        assertThatThrownBy(() -> PageCacheDropper.fadvise(List.of(directory.resolve("missing"))))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("open failed");
    }

    @Test
    void deviceCountersSeeWhatASyncWroteUnderTheDirectory() throws IOException {
        assumeThat(Files.getFileStore(directory).type()).isNotIn("tmpfs", "ramfs"); // no device below
        ProcessStats.DeviceBytes before = ProcessStats.deviceBytes(directory.resolve("not-yet"));
        byte[] content = new byte[4 << 20];
        new Random(7).nextBytes(content);
        Files.write(directory.resolve("written"), content);

        ProcessStats.DeviceBytes written = ProcessStats.deviceBytes(directory).since(before);

        assertThat(written.written()).isGreaterThanOrEqualTo(content.length);
    }

    @Test
    void procFieldsAreParsedWithTheirUnits() {
        List<String> status = List.of("Name:\tjava", "VmHWM:\t  123456 kB", "VmRSS:\t 1000 kB");
        assertThat(ProcessStats.field(status, "VmHWM:", 1024)).isEqualTo(123456L * 1024);
        assertThat(ProcessStats.field(List.of("write_bytes: 4096"), "write_bytes:", 1))
                .isEqualTo(4096);
        assertThat(ProcessStats.field(status, "Missing:", 1)).isEqualTo(-1);
        long resident = ProcessStats.residentBytes();
        assertThat(resident).isPositive();
        assertThat(ProcessStats.peakResidentBytes()).isGreaterThanOrEqualTo(resident);
    }
}
