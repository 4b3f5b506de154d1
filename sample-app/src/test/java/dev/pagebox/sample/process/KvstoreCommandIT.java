/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.sample.process.SampleJar.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kvstore} command line of the built jar, one JVM per command: what one process writes, the next reads.
 * Empty standard error on success also shows that the manifest enables native access (the JDK would warn).
 */
class KvstoreCommandIT {
    @TempDir
    Path workingDirectory;

    @Test
    void eachCommandSeesWhatTheLastOneWrote() {
        String store = "--data-dir=" + workingDirectory.resolve("store");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "put", "hello", "world"), "");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "put", "foo", "bar"), "");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "get", "hello"), "world\n");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "scan"), "foo\tbar\nhello\tworld\n");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "scan", "fo"), "foo\tbar\n");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "del", "hello"), "");

        Result missing = SampleJar.kvstore(workingDirectory, store, "get", "hello");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.stderr()).isEqualTo("kvstore: key not found: hello\n");

        assertSuccess(SampleJar.kvstore(workingDirectory, store, "checkpoint"), "");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "scan"), "foo\tbar\n");
    }

    @Test
    void treeOptionSelectsATree() {
        String store = "--data-dir=" + workingDirectory.resolve("store");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "--tree=users", "put", "ada", "lovelace"), "");
        assertThat(SampleJar.kvstore(workingDirectory, store, "get", "ada").status())
                .isEqualTo(1);
        Result stats = SampleJar.kvstore(workingDirectory, store, "--tree", "users", "stats");
        assertThat(stats.status()).isZero();
        assertThat(stats.out()).contains("trees=users\n", "tree.entries=1\n", "state=HEALTHY\n");
    }

    @Test
    void defaultDataDirectoryIsTheAppsInTheWorkingDirectory() {
        assertSuccess(SampleJar.kvstore(workingDirectory, "put", "k", "v"), "");
        assertThat(workingDirectory.resolve("pagebox-data")).isDirectory();
        assertSuccess(SampleJar.kvstore(workingDirectory, "--data-dir=./pagebox-data", "get", "k"), "v\n");
    }

    @Test
    void rangeSyncAndVerifyMatchTheOriginal() {
        String store = "--data-dir=" + workingDirectory.resolve("store");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "--sync=none", "put", "b", "2"), "");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "--sync=relaxed", "put", "c", "3"), "");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "put", "a", "1"), "");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "range", "b", "d"), "b\t2\nc\t3\n");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "sync"), "");

        Result verify = SampleJar.kvstore(workingDirectory, store, "--pool-size=1MB", "verify");
        assertThat(verify.stderr()).isEmpty();
        assertThat(verify.status()).isZero();
        assertThat(verify.out()).contains("trees=1\n", "entries=3\n", "problems=0\n");
    }

    @Test
    void backupWithItsMetaSlotsMakesAStoreThatOpensReadOnlyAndRefusesWrites() throws IOException {
        String store = "--data-dir=" + workingDirectory.resolve("store");
        Path copy = workingDirectory.resolve("copy");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "put", "hello", "world"), "");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "meta", "5", "-7"), "");

        Result backup = SampleJar.kvstore(workingDirectory, store, "backup", "copy");

        assertThat(backup.stderr()).isEmpty();
        assertThat(backup.status()).isZero();
        assertThat(backup.out())
                .startsWith("target=" + copy.toRealPath() + "\n")
                .contains("\nend-lsn=");
        assertSuccess(SampleJar.kvstore(workingDirectory, store, "del", "hello"), "");
        assertSuccess(SampleJar.kvstore(workingDirectory, "--data-dir=copy", "--read-only", "get", "hello"), "world\n");
        assertSuccess(SampleJar.kvstore(workingDirectory, "--data-dir=copy", "--read-only", "meta", "5"), "-7\n");

        Result put = SampleJar.kvstore(workingDirectory, "--data-dir=copy", "--read-only", "put", "hello", "there");
        assertThat(put.status()).isEqualTo(2);
        assertThat(put.out()).isEmpty();
        assertThat(put.stderr())
                .isEqualTo("kvstore: put writes to the store, which is opened read-only (--read-only or"
                        + " pagebox.read-only=true)\n");

        Result again = SampleJar.kvstore(workingDirectory, store, "backup", "copy");
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.stderr())
                .isEqualTo("kvstore: backup directory " + copy.toRealPath()
                        + " is not empty; name a new or empty directory\n");
    }

    @Test
    void theAppsConfigurationFilesAndProfilesApply() throws IOException {
        // As the app started in this directory would read them: ./application.properties, ./config/ per profile.
        Files.writeString(
                workingDirectory.resolve("application.properties"),
                "pagebox.data-directory=file-store\npagebox.pool-size=2MB\n");
        Files.createDirectories(workingDirectory.resolve("config"));
        Files.writeString(
                workingDirectory.resolve("config/application-dev.properties"), "pagebox.data-directory=dev-store\n");

        assertSuccess(SampleJar.kvstore(workingDirectory, "put", "k", "from the file"), "");
        assertSuccess(
                SampleJar.kvstore(workingDirectory, "--spring.profiles.active=dev", "put", "k", "from the profile"),
                "");

        assertThat(workingDirectory.resolve("file-store")).isDirectory();
        assertThat(workingDirectory.resolve("dev-store")).isDirectory();
        assertThat(workingDirectory.resolve("pagebox-data")).doesNotExist();
        Result stats = SampleJar.kvstore(workingDirectory, "--data-dir=dev-store", "get", "k");
        assertSuccess(stats, "from the profile\n");
        assertThat(SampleJar.kvstore(workingDirectory, "stats").out()).contains("pool.frames=128\n");

        Files.writeString(workingDirectory.resolve("application.properties"), "pagebox.pool-size=1KB\n");
        Result wrong = SampleJar.kvstore(workingDirectory, "stats");
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.stderr())
                .startsWith("kvstore: pagebox.pool-size is 1KB but must hold at least 8 pages")
                .contains("application.properties] - 1:19)");
    }

    @Test
    void usageErrorsExitTwo() {
        Result result = SampleJar.kvstore(workingDirectory, "frobnicate");
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.stderr()).startsWith("kvstore: unknown command frobnicate\nusage: kvstore");
        assertThat(Files.exists(workingDirectory.resolve("pagebox-data")))
                .as("nothing opened")
                .isFalse();
    }

    private static void assertSuccess(Result result, String stdout) {
        assertThat(result.stderr()).isEmpty();
        assertThat(result.status()).isZero();
        assertThat(result.out()).isEqualTo(stdout);
    }
}
