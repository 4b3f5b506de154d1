/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.wal;

import dev.pagebox.CorruptStoreException;
import dev.pagebox.IncompatibleStoreException;
import dev.pagebox.PageboxIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the end of the log when it is opened, cuts off a torn tail and rejects corruption.
 *
 * <p>The caller may say from which LSN on it needs the log (a store's checkpoint): the log before that LSN is
 * then never read, so damage there cannot keep the store from opening, and segment files wholly before it are
 * deleted. The needed part must exist: a log that ends before that LSN, or has no segment holding it, is
 * corrupt.
 *
 * <ol>
 *   <li>The candidate segments are the contiguous run of files, each starting where the previous one ends, from
 *       the one holding the needed LSN (or else the lowest one whose first record is a valid segment start for
 *       its name). A segment whose start record is damaged is still a candidate if it holds the needed LSN
 *       after that record: its size is then its file's size.
 *   <li>The segment-start records prove (through their {@code behind} field) that the log was durable up to
 *       some LSN {@code D}; the log below {@code D} must be intact, and replay checks it. From the segment holding
 *       {@code D}, the log is read item by item, across segment boundaries (an unsynced write may have spanned
 *       one); it ends at the first position that is not a whole, valid item. The live segments are the
 *       candidates up to the one holding the end.
 *   <li>Everything after that point (the rest of the segment, the next file, and any later file that starts
 *       with a valid segment start, candidates included) is scanned for records whose LSN matches their
 *       position. If one proves,
 *       through its {@code behind} field, that the log was durable beyond the end, the log is corrupt
 *       ({@link CorruptStoreException}). Otherwise whatever lies there was never acknowledged as durable: the
 *       tail is cut (reported), zeroed or deleted, and synced, so that it cannot resurface once new records are
 *       appended over it.
 *   <li>Every live segment is synced, so that what a crashed process left in the page cache is durable before
 *       the log reports it as such.
 * </ol>
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    /**
     * The outcome.
     *
     * @param live the live segments, start LSN to size
     * @param endLsn where the valid log ends; appends continue here
     * @param tailStart the last live segment's start, or -1 if there is none
     * @param tailFresh whether the last live segment's file was zero-filled
     * @param tailCut whether a torn or unacknowledged tail was cut off
     * @param detail what was found at the end, for the log and the replay result
     */
    record Result(
            NavigableMap<Long, Long> live,
            long endLsn,
            long tailStart,
            boolean tailFresh,
            boolean tailCut,
            String detail) {}

    private enum HeaderKind {
        VALID,
        TORN,
        OTHER
    }

    private record Header(HeaderKind kind, long size, boolean fresh, long provenDurable) {}

    /** What the scan past the end found. */
    private static final class Evidence {
        long furthestValidEnd;
        long lastNonZeroEnd;
        boolean foundValid;
        final List<Path> toDelete = new ArrayList<>();
    }

    private final WalConfig config;
    private final SegmentFiles names;
    private final long neededFrom;
    private final boolean readOnly;

    private Recovery(WalConfig config, long neededFrom, boolean readOnly) {
        this.config = config;
        this.names = new SegmentFiles(config, new TreeMap<>(), 0);
        this.neededFrom = neededFrom;
        this.readOnly = readOnly;
    }

    /**
     * Recovers the log in {@code config.directory()}, creating the directory if needed.
     *
     * @param config the log configuration
     * @param neededFrom the LSN from which the caller needs the log, or {@link Wal#WHOLE_LOG}
     * @return where the log ends and what was cut
     * @throws CorruptStoreException if a damaged record lies below a proven durable LSN, a segment file was cut
     *     short, the needed part of the log is missing, or a segment belongs to another store
     */
    static Result run(WalConfig config, long neededFrom) {
        return run(config, neededFrom, false);
    }

    /**
     * Recovers the log; read-only, it finds the end the same way but changes no file: nothing is cut, zeroed,
     * deleted or synced (the log is never appended to).
     *
     * @param config the log configuration
     * @param neededFrom the LSN from which the caller needs the log, or {@link Wal#WHOLE_LOG}
     * @param readOnly whether to leave the files as they are
     * @return where the log ends and what a writer would cut
     */
    static Result run(WalConfig config, long neededFrom, boolean readOnly) {
        try {
            return new Recovery(config, neededFrom, readOnly).recover();
        } catch (IOException e) {
            throw PageboxIoException.wrap("cannot recover the write-ahead log in " + config.directory(), e);
        }
    }

    private Result recover() throws IOException {
        if (readOnly && !Files.isDirectory(config.directory())) {
            return new Result(new TreeMap<>(), 0, -1, false, false, "no log");
        }
        if (!readOnly) {
            Files.createDirectories(config.directory());
        }
        TreeMap<Long, Path> files = listSegments();
        TreeMap<Long, Header> headers = new TreeMap<>();
        for (Map.Entry<Long, Path> file : files.entrySet()) {
            headers.put(file.getKey(), readHeader(file.getKey(), file.getValue()));
        }
        anchorAtNeeded(files, headers);
        TreeMap<Long, Long> chain = chain(headers);
        checkFullSize(files, chain);
        long end = 0;
        long tailStart = -1;
        SegmentReader.Item stop = SegmentReader.Item.END_OF_SEGMENT;
        Evidence evidence = new Evidence();
        if (!chain.isEmpty()) {
            // Below the highest LSN a segment start proves durable the log must be intact (replay checks it);
            // the end is searched from the segment holding that LSN (or from the needed LSN, if later), across
            // segment boundaries.
            long proven = chain.firstKey();
            for (long start : chain.keySet()) {
                proven = Math.max(proven, headers.get(start).provenDurable());
            }
            long readFrom = Math.max(chain.floorKey(proven), neededFrom);
            long segmentStart = chain.floorKey(readFrom);
            while (true) {
                long size = chain.get(segmentStart);
                try (SegmentReader reader = reader(segmentStart, size)) {
                    long position = Math.max(segmentStart, readFrom);
                    while (true) {
                        stop = reader.readItem(position);
                        if (stop == SegmentReader.Item.RECORD) {
                            position += reader.recordSize();
                        } else if (stop == SegmentReader.Item.FILLER) {
                            position += WalRecordLayout.ALIGNMENT;
                        } else {
                            break;
                        }
                    }
                    if (stop == SegmentReader.Item.END_OF_SEGMENT && chain.containsKey(segmentStart + size)) {
                        segmentStart += size;
                        continue;
                    }
                    tailStart = segmentStart;
                    end = position;
                    evidence.lastNonZeroEnd = end;
                    evidence.furthestValidEnd = end;
                    scanBeyond(reader, end, end, evidence);
                    break;
                }
            }
        }
        TreeMap<Long, Long> live = new TreeMap<>(tailStart < 0 ? Map.of() : chain.headMap(tailStart, true));
        long tailEnd = tailStart < 0 ? 0 : tailStart + live.get(tailStart);
        boolean tailFresh = tailStart >= 0 && headers.get(tailStart).fresh();
        boolean successorTorn = false;
        for (Map.Entry<Long, Header> later : headers.tailMap(tailEnd, true).entrySet()) {
            Header header = later.getValue();
            boolean successor = later.getKey() == tailEnd;
            if (header.kind() == HeaderKind.VALID || successor) {
                long size = header.kind() == HeaderKind.VALID ? header.size() : Files.size(files.get(later.getKey()));
                Evidence beyond = new Evidence();
                try (SegmentReader reader = reader(later.getKey(), size)) {
                    scanBeyond(reader, later.getKey(), end, beyond);
                }
                evidence.foundValid |= beyond.foundValid;
                successorTorn |= successor && header.kind() == HeaderKind.TORN;
                if (header.kind() != HeaderKind.OTHER || beyond.foundValid) {
                    evidence.toDelete.add(files.get(later.getKey()));
                }
            }
        }
        boolean cut = stop == SegmentReader.Item.TORN
                || evidence.foundValid
                || successorTorn
                || (tailFresh && evidence.lastNonZeroEnd > end);
        String detail = describe(end, stop, evidence, successorTorn, cut);
        if (!readOnly) {
            if (cut || !evidence.toDelete.isEmpty()) {
                repair(tailStart, live, end, tailFresh, stop, evidence);
            }
            syncLive(live);
        }
        LOG.log(
                System.Logger.Level.INFO,
                "write-ahead log in {0}: {1} live segment(s), ends at LSN {2}; {3}",
                config.directory(),
                live.size(),
                end,
                detail);
        return new Result(live, end, tailStart, tailFresh, cut, detail);
    }

    /**
     * Rejects a segment file shorter than its segment: segments are created at full size (zero-filled under a
     * temporary name, then renamed), so no crash leaves one; the file was damaged, and the records it lost may
     * have been acknowledged. Cutting the log there would bring back older values without a word.
     */
    private static void checkFullSize(TreeMap<Long, Path> files, TreeMap<Long, Long> chain) throws IOException {
        for (Map.Entry<Long, Long> segment : chain.entrySet()) {
            Path path = files.get(segment.getKey());
            long fileSize = Files.size(path);
            if (fileSize < segment.getValue()) {
                throw new CorruptStoreException("write-ahead log is corrupt: segment file " + path + " ends at offset "
                        + fileSize + " (LSN " + (segment.getKey() + fileSize) + ") but its segment is "
                        + segment.getValue() + " bytes long; segment files are created at full size, so it was cut "
                        + "short and the log records from that offset on are lost (restore the store from a backup)");
            }
        }
    }

    /**
     * Finds the segment holding the needed LSN and deletes the segment files before it, which the caller no
     * longer needs. The segment normally has a valid start record; a damaged one is accepted when the needed LSN
     * lies after it (the record itself is not needed): the file then counts as a segment of its own size, not
     * known to be zero-filled. A file that starts exactly at the needed LSN without a valid start record is a
     * spare: the previous segment must end there.
     *
     * @throws CorruptStoreException if no segment holds the needed LSN
     */
    private void anchorAtNeeded(TreeMap<Long, Path> files, TreeMap<Long, Header> headers) throws IOException {
        if (neededFrom == Wal.WHOLE_LOG || neededFrom == 0) {
            return; // LSN 0: the store never completed its first checkpoint, so nothing was acknowledged
        }
        Long anchor = null;
        for (Long start = files.floorKey(neededFrom); start != null && anchor == null; start = files.lowerKey(start)) {
            Header header = headers.get(start);
            if (header.kind() == HeaderKind.VALID) {
                if (start + header.size() < neededFrom) {
                    throw missingNeeded(files.get(start) + " ends at LSN " + (start + header.size()));
                }
                anchor = start;
            } else if (start < neededFrom) {
                headers.put(start, acceptDamagedHeader(files.get(start), start));
                anchor = start;
            }
        }
        if (anchor == null) {
            throw missingNeeded(
                    files.isEmpty()
                            ? "the log holds no segment file"
                            : "no segment file holds it (the oldest is "
                                    + files.firstEntry().getValue() + ")");
        }
        var unneeded = files.headMap(anchor, false);
        if (unneeded.isEmpty()) {
            return;
        }
        for (Path path : unneeded.values()) {
            if (!readOnly) {
                Files.deleteIfExists(path);
            }
        }
        LOG.log(
                System.Logger.Level.INFO,
                "write-ahead log in {0}: deleted {1} segment file(s) before LSN {2}, which the store no longer needs",
                config.directory(),
                unneeded.size(),
                neededFrom);
        headers.headMap(anchor, false).clear();
        unneeded.clear();
        if (!readOnly) {
            names.syncDirectory();
        }
    }

    private Header acceptDamagedHeader(Path path, long start) throws IOException {
        long size = Files.size(path);
        if (size < WalConfig.MIN_SEGMENT_SIZE || size % WalConfig.SIZE_UNIT != 0 || start + size < neededFrom) {
            throw missingNeeded("the segment start record of " + path + " (offset 0) is damaged and the file's "
                    + "size of " + size + " bytes does not make it a segment holding that LSN");
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "write-ahead log in {0}: the segment start record of {1} (offset 0) is damaged; the store needs "
                        + "the log only from LSN {2}, so the file is taken at its size of {3} bytes",
                config.directory(),
                path,
                neededFrom,
                size);
        return new Header(HeaderKind.VALID, size, false, 0);
    }

    private CorruptStoreException missingNeeded(String why) {
        return new CorruptStoreException("write-ahead log in " + config.directory() + " is corrupt: the store "
                + "needs the log from LSN " + neededFrom + ", but " + why);
    }

    private TreeMap<Long, Path> listSegments() throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(config.directory())) {
            for (Path entry : entries) {
                if (SegmentFiles.isTemporary(entry)) {
                    if (!readOnly) {
                        Files.deleteIfExists(entry);
                    }
                } else {
                    SegmentFiles.startOf(entry).ifPresent(start -> files.put(start, entry));
                }
            }
        }
        return files;
    }

    private SegmentReader reader(long start, long size) throws IOException {
        return new SegmentReader(names.openRead(start), names.path(start), start, size);
    }

    private Header readHeader(long start, Path path) throws IOException {
        try (SegmentReader reader = reader(start, Math.max(Files.size(path), WalRecordLayout.SEGMENT_START_SIZE))) {
            SegmentReader.Item item = reader.readItem(start);
            if (item == SegmentReader.Item.TORN) {
                return new Header(HeaderKind.TORN, 0, false, 0);
            }
            if (item != SegmentReader.Item.RECORD
                    || !reader.recordInternal()
                    || reader.recordType() != WalRecordLayout.TYPE_SEGMENT_START) {
                return new Header(HeaderKind.OTHER, 0, false, 0);
            }
            long provenDurable = reader.recordProvenDurable();
            WalRecordLayout.SegmentStart segment = WalRecordLayout.segmentStart(reader.recordBytes(), 0);
            check(path, segment);
            return new Header(HeaderKind.VALID, segment.segmentSize(), segment.fresh(), provenDurable);
        }
    }

    private void check(Path path, WalRecordLayout.SegmentStart segment) {
        if (segment.magic() != WalRecordLayout.SEGMENT_MAGIC) {
            throw new CorruptStoreException(
                    "log segment " + path + " starts with a segment record without the " + "Pagebox WAL magic number");
        }
        if (segment.format() != WalRecordLayout.FORMAT_VERSION) {
            throw new IncompatibleStoreException("log segment " + path + " has WAL format version " + segment.format()
                    + "; this Pagebox reads version " + WalRecordLayout.FORMAT_VERSION);
        }
        if (segment.storeId() != config.storeId()) {
            throw new CorruptStoreException("log segment " + path + " belongs to store "
                    + Long.toHexString(segment.storeId()) + ", not to store " + Long.toHexString(config.storeId()));
        }
        if (segment.segmentSize() < WalConfig.MIN_SEGMENT_SIZE || segment.segmentSize() % WalConfig.SIZE_UNIT != 0) {
            throw new CorruptStoreException(
                    "log segment " + path + " declares an impossible size of " + segment.segmentSize() + " bytes");
        }
    }

    /** The contiguous run of valid segments from the lowest valid one. */
    private static TreeMap<Long, Long> chain(TreeMap<Long, Header> headers) {
        TreeMap<Long, Long> live = new TreeMap<>();
        Long start = null;
        for (Map.Entry<Long, Header> entry : headers.entrySet()) {
            if (entry.getValue().kind() == HeaderKind.VALID) {
                start = entry.getKey();
                break;
            }
        }
        while (start != null && headers.containsKey(start) && headers.get(start).kind() == HeaderKind.VALID) {
            long size = headers.get(start).size();
            live.put(start, size);
            start = start + size;
        }
        return live;
    }

    /**
     * Scans {@code [from, file end)} for LSN-matching records. One that proves durability beyond {@code end} means
     * corruption.
     */
    private static void scanBeyond(SegmentReader reader, long from, long end, Evidence evidence) throws IOException {
        // A file cut inside a word (possible only for a short file, which is a cut anyway) ends the scan.
        for (long position = from;
                position + WalRecordLayout.ALIGNMENT <= reader.fileEnd();
                position += WalRecordLayout.ALIGNMENT) {
            long word = reader.wordAt(position);
            if (word == 0) {
                continue;
            }
            evidence.lastNonZeroEnd = position + WalRecordLayout.ALIGNMENT;
            if (word == position && reader.readItem(position) == SegmentReader.Item.RECORD) {
                long proven = reader.recordProvenDurable();
                if (proven > end) {
                    throw new CorruptStoreException("write-ahead log is corrupt: it is unreadable at LSN " + end
                            + ", but the record at LSN " + position + " in " + reader.path()
                            + " proves that the log was durable up to LSN " + proven
                            + " (restore the store from a backup)");
                }
                evidence.foundValid = true;
                position += reader.recordSize() - WalRecordLayout.ALIGNMENT;
                evidence.furthestValidEnd = position + WalRecordLayout.ALIGNMENT;
                evidence.lastNonZeroEnd = evidence.furthestValidEnd;
            }
        }
    }

    private static String describe(
            long end, SegmentReader.Item stop, Evidence evidence, boolean successorTorn, boolean cut) {
        if (!cut) {
            return "clean end";
        }
        StringBuilder detail =
                new StringBuilder("torn tail cut at LSN ").append(end).append(':');
        switch (stop) {
            case TORN -> detail.append(" the last record fails its length or checksum check;");
            case NOT_AN_ITEM -> detail.append(" partly written bytes follow the last record;");
            default -> {}
        }
        if (evidence.foundValid) {
            detail.append(" unacknowledged records after it were discarded;");
        }
        if (successorTorn) {
            detail.append(" the next segment's first record is torn;");
        }
        return detail.substring(0, detail.length() - 1);
    }

    /** Zeroes the cut bytes of the tail segment, restores its full size and deletes segments beyond the end. */
    private void repair(
            long tailStart,
            NavigableMap<Long, Long> live,
            long end,
            boolean tailFresh,
            SegmentReader.Item stop,
            Evidence evidence)
            throws IOException {
        if (tailStart >= 0 && end < tailStart + live.get(tailStart)) {
            long size = live.get(tailStart);
            long zeroEnd = tailFresh
                    ? Math.max(evidence.lastNonZeroEnd, end)
                    : Math.max(evidence.furthestValidEnd, stop == SegmentReader.Item.TORN ? end + Long.BYTES : end);
            Path path = names.path(tailStart);
            try (FileChannel channel =
                    config.channels().open(path, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE))) {
                writeZeros(channel, end - tailStart, zeroEnd - tailStart);
                writeZeros(channel, Math.max(channel.size(), zeroEnd - tailStart), size);
                channel.force(true);
            }
        }
        for (Path path : evidence.toDelete) {
            Files.deleteIfExists(path);
        }
        names.syncDirectory();
    }

    private static void writeZeros(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(0, to - from)));
        for (long offset = from; offset < to; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - offset));
            offset += channel.write(zeros, offset);
        }
    }

    private void syncLive(NavigableMap<Long, Long> live) throws IOException {
        for (long start : live.keySet()) {
            try (FileChannel channel = config.channels()
                    .open(names.path(start), Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE))) {
                channel.force(false);
            }
        }
    }
}
