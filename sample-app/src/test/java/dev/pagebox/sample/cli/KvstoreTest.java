/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in this JVM: commands, output formats and exit statuses (KvstoreCommandIT runs the jar). */
class KvstoreTest {
    @TempDir
    Path directory;

    @Test
    void putGetScanDeleteRoundTrip() {
        assertThat(run("put", "hello", "world").status()).isZero();
        assertThat(run("put", "foo", "bar").status()).isZero();

        assertThat(run("get", "hello")).isEqualTo(new Result(0, "world\n", ""));
        assertThat(run("scan")).isEqualTo(new Result(0, "foo\tbar\nhello\tworld\n", ""));
        assertThat(run("scan", "he")).isEqualTo(new Result(0, "hello\tworld\n", ""));
        assertThat(run("del", "hello")).isEqualTo(new Result(0, "", ""));
        assertThat(run("scan")).isEqualTo(new Result(0, "foo\tbar\n", ""));
    }

    @Test
    void missingKeyExitsOneWithAMessage() {
        assertThat(run("get", "nope")).isEqualTo(new Result(1, "", "kvstore: key not found: nope\n"));
        assertThat(run("del", "nope")).isEqualTo(new Result(1, "", "kvstore: key not found: nope\n"));
    }

    @Test
    void putReplacesTheValue() {
        run("put", "k", "one");
        run("put", "k", "two");
        assertThat(run("get", "k").out()).isEqualTo("two\n");
    }

    @Test
    void dashReadsTheValueFromStandardInputAndGetWritesItsBytes() {
        byte[] value = {0, 1, (byte) 0xFF, '\n', 'x'};
        assertThat(runWithInput(value, "put", "bin", "-").status()).isZero();

        Result get = run("get", "bin");
        byte[] expected = {0, 1, (byte) 0xFF, '\n', 'x', '\n'};
        assertThat(get.outBytes()).isEqualTo(expected);
        assertThat(run("scan").out()).isEqualTo("bin\t\\x00\\x01\\xff\\nx\n");
    }

    @Test
    void treesAreSeparateAndReadsCreateNone() {
        run("--tree=users", "put", "ada", "lovelace");
        assertThat(run("get", "ada").status()).isEqualTo(1);
        assertThat(run("--tree=users", "get", "ada").out()).isEqualTo("lovelace\n");
        assertThat(run("--tree", "nobody", "scan")).isEqualTo(new Result(0, "", ""));

        assertThat(run("stats").out()).contains("trees=users\n").doesNotContain("tree.entries");
        assertThat(run("--tree=users", "stats").out()).contains("tree=users\n", "tree.entries=1\n");
    }

    @Test
    void checkpointSucceeds() {
        run("put", "k", "v");
        assertThat(run("checkpoint")).isEqualTo(new Result(0, "", ""));
        assertThat(run("stats").out()).contains("wal.bytes-since-checkpoint=0\n");
    }

    @Test
    void rangePrintsTheEntriesFromStartUpToEnd() {
        for (String key : List.of("a", "b", "ba", "c", "d")) {
            run("put", key, key.toUpperCase());
        }
        assertThat(run("range", "b", "d")).isEqualTo(new Result(0, "b\tB\nba\tBA\nc\tC\n", ""));
        assertThat(run("range", "x", "z")).isEqualTo(new Result(0, "", ""));
        assertThat(run("--tree=nobody", "range", "a", "z")).isEqualTo(new Result(0, "", ""));
    }

    @Test
    void syncOptionSetsTheCommitModeOfTheCommandsWrites() {
        assertThat(run("--sync=none", "put", "k", "v").status()).isZero();
        assertThat(run("--sync=relaxed", "del", "k").status()).isZero();
        assertThat(run("--sync=strict", "put", "k", "v2").status()).isZero();
        assertThat(run("sync")).isEqualTo(new Result(0, "", ""));
        assertThat(run("get", "k").out()).isEqualTo("v2\n");
    }

    @Test
    void poolSizeOptionSizesTheBufferPool() {
        assertThat(run("--pool-size=2MB", "stats").out()).contains("pool.frames=128\n");
        assertThat(run("stats").out()).contains("pool.frames=16384\n"); // the app's 256MB of 16 KiB pages
    }

    @Test
    void verifyChecksTheClosedStore() {
        try (Pagebox store = Pagebox.open(directory)) {
            for (int i = 0; i < 50; i++) {
                store.tree("default").put(utf8("key-" + i), utf8("value-" + i), CommitMode.NONE);
            }
        }

        Result clean = run("verify");

        assertThat(clean.status()).isZero();
        assertThat(clean.err()).isEmpty();
        assertThat(clean.out()).contains("trees=1\n", "entries=50\n", "problems=0\n");
    }

    @Test
    void verifyOfADamagedStoreExitsFourListingTheDamage() throws IOException {
        try (Pagebox store = Pagebox.open(directory)) {
            PageboxTree tree = store.tree("default");
            for (int i = 0; i < 20_000; i++) {
                tree.put(utf8(String.format("key-%06d", i)), utf8("value-" + i), CommitMode.NONE);
            }
        } // closing checkpoints: the pages are in the data file, the log holds nothing to repair them with
        damageTheUpperHalfOfTheDataFile();

        Result damaged = run("verify");

        assertThat(damaged.status()).as(damaged.toString()).isEqualTo(4);
        assertThat(damaged.out()).containsPattern("problems=[1-9]").contains("problem: ");
        assertThat(damaged.err()).startsWith("kvstore: " + directory + " is damaged: ");
    }

    @Test
    void verifyOfAStoreInUseExitsThree() {
        try (Pagebox store = Pagebox.open(directory)) {
            assertThat(store.isHealthy()).isTrue();
            Result result = run("verify");
            assertThat(result.status()).isEqualTo(3);
            assertThat(result.err()).contains("stop the app or the other kvstore first");
        }
    }

    @Test
    void metaPrintsEverySlotOrOneAndSetsOne() {
        assertThat(run("meta").out()).isEqualTo(slots(Map.of()));

        assertThat(run("meta", "3", "42")).isEqualTo(new Result(0, "", ""));
        assertThat(run("--sync=none", "meta", "31", "-1")).isEqualTo(new Result(0, "", ""));
        assertThat(run("meta", "0", String.valueOf(Long.MIN_VALUE)).status()).isZero();

        assertThat(run("meta", "3")).isEqualTo(new Result(0, "42\n", ""));
        assertThat(run("--read-only", "meta", "31")).isEqualTo(new Result(0, "-1\n", ""));
        assertThat(run("meta").out()).isEqualTo(slots(Map.of(0, Long.MIN_VALUE, 3, 42L, 31, -1L)));
        try (Pagebox store = Pagebox.open(directory)) {
            assertThat(store.userMeta(3)).isEqualTo(42);
        }
    }

    @Test
    void metaRefusesAWrongSlotOrValueAndAWriteToAReadOnlyStore() {
        assertThat(run("meta", "32"))
                .isEqualTo(new Result(2, "", "kvstore: a meta slot is a number from 0 to 31, not 32\n"));
        assertThat(run("meta", "x", "1").err()).isEqualTo("kvstore: a meta slot is a number from 0 to 31, not x\n");
        assertThat(run("meta", "1", "1.5"))
                .isEqualTo(new Result(2, "", "kvstore: a meta value is a 64-bit signed decimal number, not 1.5\n"));
        assertThat(run("meta", "1", "9223372036854775808").status()).isEqualTo(2);
        assertRefusedAsReadOnly("meta", "--read-only", "meta", "1", "2");
        assertThat(run("meta", "1")).isEqualTo(new Result(0, "0\n", ""));
    }

    @Test
    void backupCopiesTheStoreIntoANewDirectoryThatOpensAsAStore(@TempDir Path elsewhere) {
        run("put", "k", "v");
        Path copy = elsewhere.resolve("copy");

        Result backup = run("backup", copy.toString());

        assertThat(backup.status()).as(backup.toString()).isZero();
        assertThat(backup.err()).isEmpty();
        assertThat(backup.out())
                .startsWith("target=" + copy + "\ndata-bytes=")
                .containsPattern("\nlog-bytes=\\d+\nend-lsn=[1-9]\\d*\nduration=PT");
        run("put", "k", "changed after the backup");
        assertThat(run("--data-dir=" + copy, "get", "k")).isEqualTo(new Result(0, "v\n", ""));
    }

    @Test
    void backupRefusesADirectoryThatIsNotEmptyAFileOrOneInsideTheStore(@TempDir Path elsewhere) throws IOException {
        Path full = Files.createDirectories(elsewhere.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        Path file = Files.writeString(elsewhere.resolve("file"), "mine");

        assertThat(run("backup", full.toString()))
                .isEqualTo(new Result(
                        2, "", "kvstore: backup directory " + full + " is not empty; name a new or empty directory\n"));
        assertThat(run("backup", file.toString()))
                .isEqualTo(new Result(2, "", "kvstore: backup directory " + file + " is a file, not a directory\n"));
        assertThat(run("backup", directory.resolve("inside").toString()).err())
                .isEqualTo("kvstore: backup directory " + directory.resolve("inside")
                        + " is inside the store's directory " + directory + "; name one outside it\n");
        try (var entries = Files.list(full)) {
            assertThat(entries).containsExactly(full.resolve("keep.txt"));
        }
        assertThat(directory.resolve("inside")).doesNotExist();
    }

    @Test
    void readOnlyOptionReadsWithoutWritingAByteAndRefusesWrites() throws IOException {
        run("--tree=users", "put", "ada", "lovelace");
        run("--tree=users", "put", "grace", "hopper");
        Map<Path, String> before = storeFiles();

        assertThat(run("--read-only", "--tree=users", "get", "ada")).isEqualTo(new Result(0, "lovelace\n", ""));
        assertThat(run("--read-only", "--tree=users", "scan"))
                .isEqualTo(new Result(0, "ada\tlovelace\ngrace\thopper\n", ""));
        assertThat(run("--read-only", "--tree=nobody", "get", "ada").status()).isEqualTo(1);
        assertThat(run("--read-only", "sync").status()).isZero();
        assertThat(run("--read-only", "stats").out()).contains("read-only=true\n", "trees=users\n");
        assertRefusedAsReadOnly("put", "--read-only", "put", "k", "v");
        assertRefusedAsReadOnly("del", "--read-only", "--tree=users", "del", "ada");
        assertRefusedAsReadOnly("del", "--read-only", "del", "nope");
        assertRefusedAsReadOnly("checkpoint", "--read-only", "checkpoint");

        assertThat(storeFiles()).isEqualTo(before);
        assertRefusedAsReadOnly("put", "--pagebox.read-only=true", "put", "k", "v");
        assertThat(run("stats").out()).contains("read-only=false\n");
    }

    @Test
    void aWrongSettingExitsTwoNamingIt() {
        Result result = run("--pagebox.page-size=3KB", "stats");
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err())
                .startsWith("kvstore: pagebox.page-size is 3KB but must be a power of two")
                .doesNotContain("usage:");
    }

    @Test
    void usageErrorsExitTwoWithTheUsage() {
        Result result = run("get");
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("kvstore: get takes 1 operand, not 0\nusage: kvstore ");
    }

    @Test
    void helpGoesToStandardOutput() {
        Result result = run("--help");
        assertThat(result.status()).isZero();
        assertThat(result.out()).isEqualTo(Kvstore.USAGE_TEXT);
    }

    @Test
    void limitsAreUsageErrorsNamingTheLimit() {
        Result longKey = run("put", "k".repeat(2049), "v");
        assertThat(longKey.status()).isEqualTo(2);
        assertThat(longKey.err()).contains("exceeds the maximum of 2048 bytes");

        Result longName = run("--tree=" + "t".repeat(256), "get", "k");
        assertThat(longName.status()).isEqualTo(2);
        assertThat(longName.err()).contains("names take 1 to 255 bytes");
    }

    @Test
    void lockedStoreExitsThree() {
        try (Pagebox store = Pagebox.open(directory)) {
            assertThat(store.isHealthy()).isTrue();
            Result result = run("get", "k");
            assertThat(result.status()).isEqualTo(3);
            assertThat(result.err()).contains("already open", "stop the app or the other kvstore first");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    /**
     * Flips a byte in each page of the upper half of the data file: pages the tree's splits allocated last, leaves
     * and not the catalog or the roots, so that opening the store works and verify finds the damage.
     */
    private void damageTheUpperHalfOfTheDataFile() throws IOException {
        int pageSize = PageboxOptions.defaults().pageSize();
        Path file = directory.resolve("pagebox.pages");
        byte[] bytes = Files.readAllBytes(file);
        int pages = bytes.length / pageSize;
        assertThat(pages).as("pages in the data file").isGreaterThan(8);
        for (int page = pages / 2; page < pages; page++) {
            bytes[page * pageSize + 100] ^= (byte) 0xFF;
        }
        Files.write(file, bytes);
    }

    /** What {@code meta} prints: every slot, 0 unless given. */
    private static String slots(Map<Integer, Long> values) {
        StringBuilder text = new StringBuilder();
        for (int slot = 0; slot < Pagebox.USER_META_SLOTS; slot++) {
            text.append(slot).append('=').append(values.getOrDefault(slot, 0L)).append('\n');
        }
        return text.toString();
    }

    private void assertRefusedAsReadOnly(String command, String... args) {
        assertThat(run(args))
                .isEqualTo(new Result(
                        2,
                        "",
                        "kvstore: " + command + " writes to the store, which is opened read-only (--read-only or"
                                + " pagebox.read-only=true)\n"));
    }

    /** The SHA-256 of every file of the store but the lock file, by path. */
    private Map<Path, String> storeFiles() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals("pagebox.lock")) {
                    files.put(directory.relativize(file), sha256(file));
                }
            }
        }
        return files;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    private Result runWithInput(byte[] input, String... args) {
        List<String> arguments = new ArrayList<>(List.of("--data-dir=" + directory));
        arguments.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Kvstore.run(
                arguments,
                new ByteArrayInputStream(input),
                new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        return new Result(status, out.toString(UTF_8), err.toString(UTF_8), out.toByteArray());
    }

    /** What a run printed; equality ignores the raw bytes. */
    record Result(int status, String out, String err, byte[] outBytes) {
        Result(int status, String out, String err) {
            this(status, out, err, out.getBytes(UTF_8));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Result that
                    && status == that.status
                    && out.equals(that.out)
                    && err.equals(that.err);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * status + out.hashCode()) + err.hashCode();
        }
    }
}
