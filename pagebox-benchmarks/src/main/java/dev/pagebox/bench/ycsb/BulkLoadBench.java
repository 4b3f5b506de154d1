/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import dev.pagebox.BulkLoadOptions;
import dev.pagebox.CommitMode;
import dev.pagebox.Pagebox;
import dev.pagebox.PageboxOptions;
import dev.pagebox.PageboxTree;
import dev.pagebox.PageboxTreeStats;
import dev.pagebox.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.EnvOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;
import org.rocksdb.WriteOptions;

/**
 * The YCSB driver's bulk-load mode ({@code ycsb --workloads bulk-load}): loads {@code --records} YCSB records
 * ({@link Keys}, {@link Values}) into an empty store by each engine's natural path and reports records per second and
 * bytes on disk per raw byte, the median of {@code --repeat} runs, each in a fresh directory in this JVM.
 *
 * <table>
 *   <caption>modes ({@code --engines})</caption>
 *   <tr><td>pagebox-bulk</td><td>{@link Pagebox#bulkLoad} of the keys in order</td></tr>
 *   <tr><td>pagebox-random</td><td>write batches of {@code --batch} puts (RELAXED) in random key order, then sync</td></tr>
 *   <tr><td>rocksdb-random</td><td>write batches in random key order, then a memtable flush</td></tr>
 *   <tr><td>rocksdb-sorted</td><td>write batches in key order, then a memtable flush</td></tr>
 *   <tr><td>rocksdb-sst</td><td>one SST file written in key order with {@code SstFileWriter}, then ingested</td></tr>
 * </table>
 *
 * Timing runs from the first write to the data being durable (the load's end for Pagebox's bulk load, a sync or a
 * flush for the others); opening and closing are not timed. Bytes on disk are measured after close: the whole
 * directory, and for Pagebox also its data file alone (the closed log keeps one pre-allocated segment).
 */
public final class BulkLoadBench {
    private static final List<String> MODES =
            List.of("pagebox-bulk", "pagebox-random", "rocksdb-random", "rocksdb-sorted", "rocksdb-sst");

    private BulkLoadBench() {}

    /** Whether a command line asks for this mode. */
    static boolean requested(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--workloads") && args[i + 1].equals("bulk-load")) {
                return true;
            }
        }
        return false;
    }

    /** One measured load. */
    record Run(String mode, long records, double seconds, long directoryBytes, long dataFileBytes, String detail) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        List<String> modes = List.of(
                options.getOrDefault("--engines", String.join(",", MODES)).split(","));
        for (String mode : modes) {
            if (!MODES.contains(mode)) {
                throw new IllegalArgumentException("bulk-load modes are " + MODES + ", not " + mode);
            }
        }
        long records = Long.parseLong(options.getOrDefault("--records", "2000000"));
        int valueSize = Integer.parseInt(options.getOrDefault("--value-size", "100"));
        long budget = YcsbOptions.bytes(options.getOrDefault("--cache-budget", "64m"));
        int repeat = Integer.parseInt(options.getOrDefault("--repeat", "3"));
        int batch = Integer.parseInt(options.getOrDefault("--batch", "1000"));
        double fill = Double.parseDouble(options.getOrDefault("--fill", String.valueOf(BulkLoadOptions.DEFAULT_FILL)));
        Path data = Path.of(options.getOrDefault("--data-dir", "/tmp/ycsb-data"));
        Path output = Path.of(options.getOrDefault("--output-dir", "ycsb-results"));
        Files.createDirectories(output);
        long raw = records * (Keys.LENGTH + valueSize);
        System.out.printf(
                Locale.ROOT,
                "bulk load: %,d records x %d B values (%,d raw bytes), budget %,d bytes, %d runs per mode%n",
                records,
                valueSize,
                raw,
                budget,
                repeat);
        if (modes.stream().anyMatch(mode -> mode.startsWith("rocksdb"))) {
            RocksDB.loadLibrary();
        }
        long[] sorted = sortedRecords(records);
        List<String> lines = new ArrayList<>();
        lines.add("mode,run,records,seconds,records_per_s,directory_bytes,data_file_bytes,raw_bytes,detail");
        List<String> summary = new ArrayList<>();
        for (String mode : modes) {
            List<Run> runs = new ArrayList<>();
            for (int run = 0; run < repeat; run++) {
                Path directory = data.resolve("bulk-" + mode + "-" + run);
                delete(directory);
                Files.createDirectories(directory);
                Run result = load(mode, directory, sorted, valueSize, budget, batch, fill, run);
                delete(directory);
                runs.add(result);
                lines.add(String.format(
                        Locale.ROOT,
                        "%s,%d,%d,%.3f,%.0f,%d,%d,%d,%s",
                        mode,
                        run,
                        records,
                        result.seconds(),
                        records / result.seconds(),
                        result.directoryBytes(),
                        result.dataFileBytes(),
                        raw,
                        result.detail()));
                System.out.printf(
                        Locale.ROOT,
                        "  %-15s run %d: %,10.0f records/s, directory %.3fx raw, data file %.3fx raw %s%n",
                        mode,
                        run,
                        records / result.seconds(),
                        (double) result.directoryBytes() / raw,
                        (double) result.dataFileBytes() / raw,
                        result.detail());
            }
            runs.sort(Comparator.comparingDouble(Run::seconds));
            Run median = runs.get(runs.size() / 2);
            summary.add(String.format(
                    Locale.ROOT,
                    "| %s | %,.0f | %.3f | %.3f | %s |",
                    mode,
                    records / median.seconds(),
                    (double) median.directoryBytes() / raw,
                    (double) median.dataFileBytes() / raw,
                    median.detail()));
        }
        Files.write(output.resolve("bulk-load.csv"), lines);
        System.out.println("| mode | records/s (median) | directory / raw | data file / raw | detail |");
        System.out.println("|---|---|---|---|---|");
        summary.forEach(System.out::println);
        System.out.println("results in " + output.toAbsolutePath().resolve("bulk-load.csv"));
    }

    /** Record numbers in the order of their keys (unsigned), which is the order a bulk load needs. */
    private static long[] sortedRecords(long records) {
        long[] hashes = new long[Math.toIntExact(records)];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Keys.hash(i) ^ Long.MIN_VALUE; // signed sort of flipped values = unsigned order
        }
        Arrays.sort(hashes);
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Keys.record(hashes[i] ^ Long.MIN_VALUE);
        }
        return hashes;
    }

    private static long[] shuffled(long[] records, long seed) {
        long[] copy = records.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = copy[i];
            copy[i] = copy[j];
            copy[j] = swap;
        }
        return copy;
    }

    private static Run load(
            String mode, Path directory, long[] sorted, int valueSize, long budget, int batch, double fill, int run)
            throws RocksDBException {
        Values values = new Values(run + 1, valueSize);
        return switch (mode) {
            case "pagebox-bulk" -> pageboxBulk(directory, sorted, values, budget, fill);
            case "pagebox-random" -> pageboxRandom(directory, shuffled(sorted, run), values, budget, batch);
            case "rocksdb-random" -> rocksDb(mode, directory, shuffled(sorted, run), values, budget, batch);
            case "rocksdb-sorted" -> rocksDb(mode, directory, sorted, values, budget, batch);
            case "rocksdb-sst" -> rocksDbSst(directory, sorted, values, budget);
            default -> throw new IllegalArgumentException(mode);
        };
    }

    private static PageboxOptions pageboxOptions(long budget) {
        return PageboxOptions.builder()
                .poolSize(budget)
                .commitMode(CommitMode.RELAXED)
                .build();
    }

    private static Run pageboxBulk(Path directory, long[] order, Values values, long budget, double fill) {
        PageboxTreeStats stats;
        double seconds;
        try (Pagebox store = Pagebox.open(directory, pageboxOptions(budget))) {
            Iterator<Map.Entry<byte[], byte[]>> entries = new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < order.length;
                }

                @Override
                public Map.Entry<byte[], byte[]> next() {
                    if (next >= order.length) {
                        throw new NoSuchElementException();
                    }
                    long record = order[next++];
                    byte[] key = new byte[Keys.LENGTH];
                    byte[] value = new byte[values.size()];
                    Keys.encode(record, key);
                    values.encode(record, 0, value);
                    return Map.entry(key, value);
                }
            };
            long start = System.nanoTime();
            PageboxTree tree =
                    store.bulkLoad("ycsb", entries, BulkLoadOptions.defaults().withFill(fill));
            seconds = (System.nanoTime() - start) / 1e9;
            stats = tree.stats();
            check(tree, order, values);
        }
        return pageboxRun("pagebox-bulk", directory, order.length, seconds, stats);
    }

    private static Run pageboxRandom(Path directory, long[] order, Values values, long budget, int batch) {
        PageboxTreeStats stats;
        double seconds;
        try (Pagebox store = Pagebox.open(directory, pageboxOptions(budget))) {
            PageboxTree tree = store.tree("ycsb");
            long start = System.nanoTime();
            for (int from = 0; from < order.length; from += batch) {
                WriteBatch writes = new WriteBatch();
                for (int i = from; i < Math.min(order.length, from + batch); i++) {
                    byte[] key = new byte[Keys.LENGTH];
                    byte[] value = new byte[values.size()];
                    Keys.encode(order[i], key);
                    values.encode(order[i], 0, value);
                    writes.put(tree, key, value);
                }
                store.write(writes, CommitMode.RELAXED);
            }
            store.sync();
            seconds = (System.nanoTime() - start) / 1e9;
            stats = tree.stats();
            check(tree, order, values);
        }
        return pageboxRun("pagebox-random", directory, order.length, seconds, stats);
    }

    private static Run pageboxRun(String mode, Path directory, long records, double seconds, PageboxTreeStats stats) {
        String detail = String.format(
                Locale.ROOT, "height %d, %d leaves, fill %.3f", stats.height(), stats.leafPages(), stats.fillFactor());
        if (stats.entries() != records) {
            throw new IllegalStateException(mode + " holds " + stats.entries() + " entries, not " + records);
        }
        return new Run(
                mode, records, seconds, directorySize(directory), size(directory.resolve("pagebox.pages")), detail);
    }

    /** Spot-checks every 1,000th record's value. */
    private static void check(PageboxTree tree, long[] order, Values values) {
        byte[] key = new byte[Keys.LENGTH];
        byte[] expected = new byte[values.size()];
        for (int i = 0; i < order.length; i += 1_000) {
            Keys.encode(order[i], key);
            values.encode(order[i], 0, expected);
            if (!Arrays.equals(tree.get(key), expected)) {
                throw new VerificationException("record " + order[i] + " reads back wrong after the load");
            }
        }
    }

    private static Options rocksOptions(long budget, LRUCache cache) {
        return new Options()
                .setCreateIfMissing(true)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache))
                .setWriteBufferSize(Math.clamp(budget / 8, 1L << 20, 64L << 20))
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setMaxBackgroundJobs(2);
    }

    private static Run rocksDb(String mode, Path directory, long[] order, Values values, long budget, int batch)
            throws RocksDBException {
        double seconds;
        try (LRUCache cache = new LRUCache(budget);
                Options options = rocksOptions(budget, cache);
                WriteOptions write = new WriteOptions();
                RocksDB db = RocksDB.open(options, directory.toString());
                FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            byte[] key = new byte[Keys.LENGTH];
            byte[] value = new byte[values.size()];
            long start = System.nanoTime();
            for (int from = 0; from < order.length; from += batch) {
                try (org.rocksdb.WriteBatch writes = new org.rocksdb.WriteBatch()) {
                    for (int i = from; i < Math.min(order.length, from + batch); i++) {
                        Keys.encode(order[i], key);
                        values.encode(order[i], 0, value);
                        writes.put(key, value);
                    }
                    db.write(write, writes);
                }
            }
            db.flush(flush);
            seconds = (System.nanoTime() - start) / 1e9;
            check(db, order, values);
        }
        long bytes = directorySize(directory);
        return new Run(mode, order.length, seconds, bytes, bytes, "");
    }

    private static Run rocksDbSst(Path directory, long[] order, Values values, long budget) throws RocksDBException {
        double seconds;
        Path sst = directory.resolve("bulk.sst.tmp");
        try (LRUCache cache = new LRUCache(budget);
                Options options = rocksOptions(budget, cache);
                RocksDB db = RocksDB.open(options, directory.toString());
                EnvOptions env = new EnvOptions();
                IngestExternalFileOptions ingest = new IngestExternalFileOptions().setMoveFiles(true)) {
            byte[] key = new byte[Keys.LENGTH];
            byte[] value = new byte[values.size()];
            long start = System.nanoTime();
            try (SstFileWriter writer = new SstFileWriter(env, options)) {
                writer.open(sst.toString());
                for (long record : order) {
                    Keys.encode(record, key);
                    values.encode(record, 0, value);
                    writer.put(key, value);
                }
                writer.finish();
            }
            db.ingestExternalFile(List.of(sst.toString()), ingest);
            seconds = (System.nanoTime() - start) / 1e9;
            check(db, order, values);
        }
        long bytes = directorySize(directory);
        return new Run("rocksdb-sst", order.length, seconds, bytes, bytes, "");
    }

    private static void check(RocksDB db, long[] order, Values values) throws RocksDBException {
        byte[] key = new byte[Keys.LENGTH];
        byte[] expected = new byte[values.size()];
        for (int i = 0; i < order.length; i += 1_000) {
            Keys.encode(order[i], key);
            values.encode(order[i], 0, expected);
            if (!Arrays.equals(db.get(key), expected)) {
                throw new VerificationException("record " + order[i] + " reads back wrong after the load");
            }
        }
    }

    /** Bytes of the directory's files, recursively. */
    private static long directorySize(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(BulkLoadBench::size)
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's length; a file deleted meanwhile (an obsolete RocksDB log or table) takes nothing. */
    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
